/*
 * Vigil "Set up typing rhythm" page: the user types the password N times into one field (Enter or the
 * button after each typing). Each clean typing is captured by vigil-keystroke.js and kept in the page
 * as one hidden field vigil_ks (timings only); after each one the page says how close it was to the
 * earlier ones. After N typings the form is sent with the password (checked by the server) once.
 * Nothing is kept anywhere when the page is left.
 */
(function () {
  "use strict";
  var form = document.getElementById("vigil-setup-form");
  var pw = document.getElementById("vigil-typing");
  var cap = form && pw && window.vigilKeystroke ? window.vigilKeystroke(pw) : null;
  if (!cap) {
    return;
  }
  var need = parseInt(form.getAttribute("data-typings"), 10) || 10;
  var progress = document.getElementById("vigil-progress");
  var status = document.getElementById("vigil-status");
  var first = null;
  var rows = [];

  function text(name) {
    return form.getAttribute("data-msg-" + name) || "";
  }

  function say(msg) {
    status.textContent = msg;
  }

  function showProgress() {
    progress.textContent = text("progress").replace("{0}", rows.length).replace("{1}", need);
  }

  // mean absolute difference of ln(down-down) to the earlier typings' average: 0 = the same rhythm
  function distance(dd) {
    var sum = 0;
    for (var i = 0; i < dd.length; i++) {
      var avg = 0;
      for (var j = 0; j < rows.length; j++) {
        avg += Math.log(Math.max(rows[j][i], 1)) / rows.length;
      }
      sum += Math.abs(Math.log(Math.max(dd[i], 1)) - avg);
    }
    return sum / Math.max(dd.length, 1);
  }

  function take() {
    var sample = cap.sample();
    var value = pw.value;
    pw.value = "";
    cap.reset();
    pw.focus();
    if (!value) {
      return;
    }
    if (!sample) {
      say(text("unusable"));
      return;
    }
    if (first === null) {
      first = value;
    } else if (value !== first) {
      say(text("different"));
      return;
    }
    var dd = JSON.parse(sample).dd;
    if (rows.length > 0 && dd.length !== rows[0].length) {
      say(text("unusable"));
      return;
    }
    var d = rows.length > 0 ? distance(dd) : 0;
    say(rows.length === 0 ? text("first") : d < 0.25 ? text("consistent") : d < 0.5 ? text("close") : text("far"));
    rows.push(dd);
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "vigil_ks";
    field.value = sample;
    form.appendChild(field);
    showProgress();
    if (rows.length >= need) {
      document.getElementById("vigil-password").value = first;
      form.submit();
    }
  }

  pw.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      take();
    }
  });
  document.getElementById("vigil-add").addEventListener("click", take);
  showProgress();
})();
