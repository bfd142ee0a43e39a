/*
 * Vigil typing-rhythm capture for the password field (plain JavaScript, no dependencies).
 *
 * Records, per physical key pressed in the password field and in press order, key-down and key-up
 * times (performance.now()) and sends only the derived timings — hold (H), down-down (DD) and
 * up-down (UD), in milliseconds with one decimal — as one hidden field:
 *   {"v":1,"h":[H1..Hn],"dd":[DD1..DDn-1],"ud":[UD1..UDn-1]}
 * No key values leave the page: the server sees positions only.
 *
 * The sample is dropped (the field stays empty: "no sample", a plain password login) when the typing
 * is not a clean, complete typing of what was submitted: a correction (Backspace/Delete) that leaves part of
 * the typing in the field (a field erased to empty starts a fresh typing), a paste,
 * drag-and-drop, autofill or a password manager (the value changed without matching key presses),
 * a key still held at submit, or more than 64 keys. Shift, Caps Lock and AltGr count as keys, as in the CMU
 * and MEU benchmarks; auto-repeat of a held key is ignored; Enter (which submits) is not recorded.
 */
(function () {
  "use strict";
  var MAX_KEYS = 64;

  /*
   * Watches one password input. Returns {sample: function () -> wire JSON or "" (no sample),
   * reset: function ()}; null without performance.now(). Also used by the typing-rhythm set-up page.
   */
  function capture(pw) {
    if (!pw || !window.performance) {
      return null;
    }
    var keys, open, broken, printable;

    function reset() {
      keys = [];
      open = {};
      broken = false;
      printable = 0;
    }
    reset();

    // AltGr (Ctrl+Alt on Windows) types characters such as @ on many layouts: not a shortcut
    function altGraph(e) {
      return e.getModifierState && e.getModifierState("AltGraph");
    }

    function isShortcut(e) {
      return (e.ctrlKey || e.metaKey) && !altGraph(e);
    }

    function isPrintable(e) {
      return e.key && e.key.length === 1 && !isShortcut(e) && (!e.altKey || altGraph(e));
    }

    pw.addEventListener("keydown", function (e) {
      var code = e.code || e.key;
      if (e.repeat || e.isComposing || code === "Enter" || code === "NumpadEnter" || code === "Tab") {
        return;
      }
      if (code === "Backspace" || code === "Delete" || isShortcut(e)) {
        broken = true;
        return;
      }
      if (keys.length >= MAX_KEYS) {
        broken = true;
        return;
      }
      var k = { d: performance.now(), u: -1 };
      keys.push(k);
      open[code] = k;
      if (isPrintable(e)) {
        printable++;
      }
    });

    pw.addEventListener("keyup", function (e) {
      var code = e.code || e.key;
      var k = open[code];
      if (k) {
        k.u = performance.now();
        delete open[code];
      }
    });

    pw.addEventListener("input", function (e) {
      var t = e.inputType || "";
      if (!pw.value) {
        // the field emptied (Backspace to the start, select-all and Delete): whatever is typed next is a fresh,
        // complete typing, judged like any other
        reset();
        return;
      }
      if (t.indexOf("insertFromPaste") === 0 || t.indexOf("insertFromDrop") === 0 || t === "insertReplacementText"
          || t.indexOf("delete") === 0) {
        broken = true;
      }
    });
    pw.addEventListener("paste", function () { broken = true; });
    pw.addEventListener("drop", function () { broken = true; });

    function r(x) {
      return Math.round(x * 10) / 10;
    }

    function sample() {
      if (broken || keys.length < 4 || printable !== pw.value.length) {
        return "";
      }
      var h = [], dd = [], ud = [];
      for (var i = 0; i < keys.length; i++) {
        if (keys[i].u < 0) {
          return ""; // a key still down: incomplete
        }
        h.push(r(keys[i].u - keys[i].d));
        if (i > 0) {
          dd.push(r(keys[i].d - keys[i - 1].d));
          ud.push(r(keys[i].d - keys[i - 1].u));
        }
      }
      return JSON.stringify({ v: 1, h: h, dd: dd, ud: ud });
    }

    return { sample: sample, reset: reset };
  }

  window.vigilKeystroke = capture;

  // the login form
  var form = document.getElementById("kc-form-login");
  var out = document.getElementById("vigil-ks");
  var watched = form && out ? capture(document.getElementById("password")) : null;
  if (watched) {
    form.addEventListener("submit", function () {
      out.value = watched.sample();
    });
  }
})();
