# Shared by the benchmark scripts: a Keycloak distribution with the Vigil jar, started and stopped on loopback.
# Source it from the repository root after setting HTTP_PORT, MANAGEMENT_PORT and LOG; it sets VERSION,
# KC_VERSION, JAR, KC_HOME and, once started, KC_PID.

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
KC_VERSION=$(prop keycloak.dist.version)
JAR="dist/target/vigil-keycloak-${VERSION}.jar"
KC_WORK_DIR="bench/target/kc"
KC_HOME="${KC_WORK_DIR}/keycloak-${KC_VERSION}"
KC_PID=""

# kc_status PORT PATH -> the HTTP status code of GET http://127.0.0.1:PORT/PATH
kc_status() {
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1$2" || true
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 \
      && head -n 1 <&3 | cut -d' ' -f2) 2>/dev/null || true
  fi
}

# kc_ports_free: fails when HTTP_PORT or MANAGEMENT_PORT is taken
kc_ports_free() {
  for port in "$HTTP_PORT" "$MANAGEMENT_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      echo "Port ${port} is in use (a Keycloak left by --keep?); stop it first." >&2
      return 1
    fi
  done
}

# kc_jar REBUILD: builds the dist jar when missing or when REBUILD is true
kc_jar() {
  if [[ ! -f "$JAR" || "$1" == true ]]; then
    echo "==> Building ${JAR}"
    ./mvnw -q -B -DskipTests package -pl dist -am
  elif [[ -n "$(find */pom.xml */src -newer "$JAR" -type f -not -path "bench/*" -not -path "integration-tests/*" -print -quit 2>/dev/null)" ]]; then
    echo "==> Note: ${JAR} is older than some sources; measuring it as it is (--rebuild to rebuild it)"
  fi
}

# kc_install BUILD_OPTION...: Keycloak from Maven Central (cached in ~/.m2 and bench/target/kc) with the jar in
# providers/, re-augmented (kc.sh build) only when the jar or the build options changed
kc_install() {
  if [[ ! -x "${KC_HOME}/bin/kc.sh" ]]; then
    echo "==> Fetching Keycloak ${KC_VERSION} (org.keycloak:keycloak-quarkus-dist:${KC_VERSION}:zip)"
    mkdir -p "$KC_WORK_DIR"
    # overWriteReleases: the plugin's marker file in target/ (left by another unpack of the same zip, e.g. by
    # ./demo) would otherwise make this a silent no-op after a directory was deleted.
    ./mvnw -q -B -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:${KC_VERSION}:zip" -DoutputDirectory="$KC_WORK_DIR" \
      -Dmdep.overWriteReleases=true
    if [[ ! -x "${KC_HOME}/bin/kc.sh" ]]; then
      echo "Unpacking keycloak-quarkus-dist ${KC_VERSION} did not produce ${KC_HOME}/bin/kc.sh." >&2
      echo "Delete ${KC_HOME} and try again; if it persists, check ~/.m2/repository/org/keycloak/keycloak-quarkus-dist/${KC_VERSION}/." >&2
      return 1
    fi
  fi
  local built_for
  built_for="$(cksum < "$JAR") $*"
  if [[ "$(cat "${KC_HOME}/.bench-built" 2>/dev/null)" != "$built_for" ]]; then
    echo "==> kc.sh build $* with ${JAR} (log: ${LOG})"
    rm -f "${KC_HOME}"/providers/vigil-keycloak*.jar "${KC_HOME}/.bench-built"
    cp "$JAR" "${KC_HOME}/providers/vigil-keycloak.jar"
    "${KC_HOME}/bin/kc.sh" build "$@" > "$LOG" 2>&1 || { tail -n 30 "$LOG" >&2; return 1; }
    echo "$built_for" > "${KC_HOME}/.bench-built"
  fi
}

# psql_admin PSQL_ARG...: psql as PostgreSQL's superuser, stopping at the first error
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q "$@"; }

# pg_prepare: Debian's PostgreSQL 15 cluster on 127.0.0.1:5432 running (started if it is down), role vigil / vigil there
pg_prepare() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "==> Starting PostgreSQL (pg_ctlcluster 15 main start)"
    pg_ctlcluster 15 main start
  fi
  psql_admin -c "select 1 from pg_roles where rolname = 'vigil'" -t | grep -q 1 \
    || psql_admin -c "create role vigil login password 'vigil'"
}

# kc_start START_OPTION...: starts the optimized server on 127.0.0.1 and waits until it is ready
kc_start() {
  export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
  export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
  "${KC_HOME}/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false \
    --http-host=127.0.0.1 --http-port="$HTTP_PORT" --http-management-port="$MANAGEMENT_PORT" "$@" >> "$LOG" 2>&1 &
  KC_PID=$!
  local started
  started=$(date +%s)
  until [[ "$(kc_status "$MANAGEMENT_PORT" /health/ready)" == "200" ]]; do
    if ! kill -0 "$KC_PID" 2>/dev/null || (( $(date +%s) - started > 300 )); then
      echo "Keycloak did not become ready; last lines of ${LOG}:" >&2
      tail -n 30 "$LOG" >&2
      return 1
    fi
    sleep 1
  done
  echo "==> Keycloak ready after $(( $(date +%s) - started )) s"
}

# kc_stop: stops the server started by kc_start (SIGTERM, then SIGKILL after 30 s)
kc_stop() {
  [[ -n "$KC_PID" ]] || return 0
  kill "$KC_PID" 2>/dev/null || { KC_PID=""; return 0; }
  for _ in $(seq 60); do kill -0 "$KC_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  KC_PID=""
}
