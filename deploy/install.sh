#!/bin/sh
# Installs cf-gitops as a systemd service on Debian or Raspberry Pi OS (arm64, amd64):
# a service user, the packed tool under a prefix (npm install --omit=dev), the data directory, an
# environment file for secrets (mode 0600), the daemon's unit and a daily backup timer.
# Idempotent: run it again to upgrade (pass the new --package) or to repair; secrets are never
# overwritten. See docs/operations.md.
set -eu

usage() {
  cat <<'USAGE'
Usage: install.sh [--package SPEC] [--prefix DIR] [--backup-dir DIR] [--keep-backups N]
                  [--user NAME] [--root DIR] [--dry-run] [--uninstall] [--help]

  --package SPEC     what npm installs: a tarball from `npm pack`, or cf-gitops@VERSION
                     (default: $CFGITOPS_PACKAGE, else cf-gitops)
  --prefix DIR       where the tool goes (default: /opt/cf-gitops)
  --backup-dir DIR   where the daily backups go (default: /var/backups/cf-gitops)
  --keep-backups N   how many daily backups to keep (default: 14)
  --user NAME        the service user (default: cf-gitops)
  --root DIR         install under DIR instead of / (for tests and images; default:
                     $CFGITOPS_INSTALL_ROOT). No users, packages or systemctl calls there.
  --dry-run          print each step without doing it
  --uninstall        remove the service, its units and the tool; keep the data, the backups,
                     the environment file and the user

The data directory is /var/lib/cf-gitops (the unit's StateDirectory); secrets go in
/etc/cf-gitops/env.
USAGE
}

PACKAGE=${CFGITOPS_PACKAGE:-cf-gitops}
PREFIX=/opt/cf-gitops
BACKUP_DIR=/var/backups/cf-gitops
KEEP=14
SERVICE_USER=cf-gitops
ROOT=${CFGITOPS_INSTALL_ROOT:-/}
DRY_RUN=0
UNINSTALL=0
DATA_DIR=/var/lib/cf-gitops
ETC_DIR=/etc/cf-gitops
UNIT_DIR=/etc/systemd/system

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi; }

while [ $# -gt 0 ]; do
  case $1 in
    --package) need_value "$@"; PACKAGE=$2; shift 2 ;;
    --prefix) need_value "$@"; PREFIX=$2; shift 2 ;;
    --backup-dir) need_value "$@"; BACKUP_DIR=$2; shift 2 ;;
    --keep-backups) need_value "$@"; KEEP=$2; shift 2 ;;
    --user) need_value "$@"; SERVICE_USER=$2; shift 2 ;;
    --root) need_value "$@"; ROOT=$2; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

case $KEEP in ''|*[!0-9]*|0) die "--keep-backups must be a whole number of at least 1, got: $KEEP" ;; esac
case $PREFIX in /*) ;; *) die "--prefix must be an absolute path, got: $PREFIX" ;; esac
case $BACKUP_DIR in /*) ;; *) die "--backup-dir must be an absolute path, got: $BACKUP_DIR" ;; esac
case $SERVICE_USER in ''|*[!a-z0-9_-]*) die "--user must be a plain user name, got: $SERVICE_USER" ;; esac
ROOT=${ROOT%/}
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || die "--root $ROOT is not a directory"
  ROOT=$(cd "$ROOT" && pwd)
fi
[ "$ROOT" = / ] && ROOT=
# A local tarball is installed by its absolute path (npm runs in the prefix).
if [ -f "$PACKAGE" ]; then PACKAGE=$(cd "$(dirname "$PACKAGE")" && pwd)/$(basename "$PACKAGE"); fi

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)

step() { printf '==> %s\n' "$*"; }
skip() { printf 'skipped: %s\n' "$*"; }
# Runs a command, or prints it in a dry run.
run() {
  if [ "$DRY_RUN" = 1 ]; then printf 'would run: %s\n' "$*"; else printf '+ %s\n' "$*"; "$@"; fi
}
# Host-level actions (users, apt, systemctl) never happen under --root.
host_only() {
  if [ -n "$ROOT" ]; then skip "$* (installing under --root $ROOT)"; else run "$@"; fi
}
have() { command -v "$1" >/dev/null 2>&1; }
systemd_running() { [ -z "$ROOT" ] && [ -d /run/systemd/system ] && have systemctl; }
systemctl_do() {
  if [ -n "$ROOT" ]; then skip "systemctl $* (installing under --root $ROOT)"
  elif systemd_running || [ "$DRY_RUN" = 1 ]; then run systemctl "$@"
  else skip "systemctl $* (systemd is not running here)"; fi
}

# Creates a directory with a mode (and an owner when the user exists on this host).
make_dir() { # DIR MODE OWNER
  if [ -d "$ROOT$1" ]; then printf 'exists: %s\n' "$1"; else run mkdir -p "$ROOT$1"; fi
  run chmod "$2" "$ROOT$1"
  if [ -z "$ROOT" ]; then run chown "$3" "$ROOT$1"; fi
}

# Installs a file from stdin at DEST with MODE, unless it already has exactly that content.
put_file() { # DEST MODE
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$ROOT$1" ] && cmp -s "$tmp" "$ROOT$1"; then
    printf 'unchanged: %s\n' "$1"
    run chmod "$2" "$ROOT$1"
  elif [ "$DRY_RUN" = 1 ]; then
    printf 'would write: %s (mode %s)\n' "$1" "$2"
  else
    printf '+ write %s (mode %s)\n' "$1" "$2"
    mkdir -p "$(dirname "$ROOT$1")"
    cp "$tmp" "$ROOT$1"
    chmod "$2" "$ROOT$1"
  fi
  rm -f "$tmp"
}

# The unit files and env.example: next to this script in a checkout, else in the installed package.
find_templates() {
  for dir in "$SCRIPT_DIR/../docs/deploy" "$ROOT$PREFIX/node_modules/cf-gitops/docs/deploy"; do
    if [ -f "$dir/cf-gitops.service" ]; then TEMPLATES=$(cd "$dir" && pwd); return 0; fi
  done
  die "cannot find cf-gitops.service (looked in $SCRIPT_DIR/../docs/deploy and $PREFIX/node_modules/cf-gitops/docs/deploy)"
}

# The shipped units with this install's paths, user and backup count.
render() { # FILE
  sed -e "s#/opt/cf-gitops#$PREFIX#g" \
      -e "s#/var/backups/cf-gitops#$BACKUP_DIR#g" \
      -e "s#^User=cf-gitops\$#User=$SERVICE_USER#" \
      -e "s#^Group=cf-gitops\$#Group=$SERVICE_USER#" \
      -e "s#--keep [0-9][0-9]*#--keep $KEEP#" \
      "$TEMPLATES/$1"
}

check_platform() {
  step "platform"
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    os=$(. /etc/os-release && printf '%s %s' "${ID:-?}" "${ID_LIKE:-}")
    case " $os " in *" debian "*|*" raspbian "*) ;; *) printf 'warning: written for Debian and Raspberry Pi OS; this is %s\n' "$os" ;; esac
  fi
  arch=$(uname -m)
  case $arch in aarch64|arm64|x86_64|amd64) printf 'architecture: %s\n' "$arch" ;; *) printf 'warning: tested on arm64 and amd64; this is %s\n' "$arch" ;; esac
}

# npm needs Node >= 18 to install the tool; the tool brings its own Node 24 (the `node` package).
ensure_runtime() {
  step "runtime: node >= 18 and npm"
  if have node && have npm; then
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || printf 0)
    if [ "$major" -ge 18 ]; then printf 'found: node %s, npm %s\n' "$(node --version)" "$(npm --version)"; return 0; fi
    die "node $(node --version) is too old to install cf-gitops (18 or newer needed); install a newer nodejs (Debian 12: apt-get install nodejs npm)"
  fi
  printf 'node or npm is missing: installing Debian'"'"'s nodejs and npm\n'
  host_only apt-get update
  host_only apt-get install -y --no-install-recommends nodejs npm
  if [ "$DRY_RUN" = 0 ] && ! { have node && have npm; }; then die "node and npm are needed to install the tool (apt-get install nodejs npm)"; fi
}

ensure_user() {
  step "service user $SERVICE_USER"
  if [ -z "$ROOT" ] && id "$SERVICE_USER" >/dev/null 2>&1; then printf 'exists: user %s\n' "$SERVICE_USER"; return 0; fi
  host_only useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

install_tool() {
  step "the tool: npm install $PACKAGE into $PREFIX"
  make_dir "$PREFIX" 0755 root:root
  run npm install --prefix "$ROOT$PREFIX" --omit=dev --no-audit --no-fund --loglevel=error "$PACKAGE"
  if [ "$DRY_RUN" = 0 ]; then
    [ -x "$ROOT$PREFIX/node_modules/.bin/cf-gitops" ] || die "npm installed $PACKAGE, but $PREFIX/node_modules/.bin/cf-gitops is missing"
    printf 'installed: cf-gitops %s\n' "$("$ROOT$PREFIX/node_modules/.bin/cf-gitops" --version)"
  fi
}

install_config() {
  step "data, backups and secrets"
  make_dir "$DATA_DIR" 0750 "$SERVICE_USER:$SERVICE_USER"
  make_dir "$BACKUP_DIR" 0750 "$SERVICE_USER:$SERVICE_USER"
  make_dir "$ETC_DIR" 0755 root:root
  if [ -f "$ROOT$ETC_DIR/env" ]; then
    printf 'kept: %s (never overwritten; compare with %s/env.example after upgrades)\n' "$ETC_DIR/env" "$TEMPLATES"
    run chmod 0600 "$ROOT$ETC_DIR/env"
    ENV_IS_NEW=0
  else
    put_file "$ETC_DIR/env" 0600 <"$TEMPLATES/env.example"
    ENV_IS_NEW=1
  fi
}

install_units() {
  step "systemd units"
  for unit in cf-gitops.service cf-gitops-backup.service cf-gitops-backup.timer; do
    render "$unit" | put_file "$UNIT_DIR/$unit" 0644
  done
  if have systemd-analyze && [ "$DRY_RUN" = 0 ] && [ -z "$ROOT" ]; then
    run systemd-analyze verify "$UNIT_DIR/cf-gitops.service" "$UNIT_DIR/cf-gitops-backup.service" "$UNIT_DIR/cf-gitops-backup.timer"
  fi
  systemctl_do daemon-reload
  systemctl_do enable cf-gitops.service
  systemctl_do enable --now cf-gitops-backup.timer
  if [ "$ENV_IS_NEW" = 1 ]; then
    printf '\nNext: fill in %s (CLOUDFLARE_API_TOKEN, CFGITOPS_REPO, ...), then: systemctl start cf-gitops\n' "$ETC_DIR/env"
  else
    systemctl_do restart cf-gitops.service
  fi
}

uninstall() {
  step "uninstall (data, backups, $ETC_DIR/env and the user are kept)"
  systemctl_do disable --now cf-gitops.service cf-gitops-backup.timer
  for unit in cf-gitops.service cf-gitops-backup.service cf-gitops-backup.timer; do
    if [ -e "$ROOT$UNIT_DIR/$unit" ]; then run rm -f "$ROOT$UNIT_DIR/$unit"; else printf 'absent: %s\n' "$UNIT_DIR/$unit"; fi
  done
  systemctl_do daemon-reload
  if [ -e "$ROOT$PREFIX" ]; then run rm -rf "$ROOT$PREFIX"; else printf 'absent: %s\n' "$PREFIX"; fi
  printf 'kept: %s %s %s and user %s (remove them by hand to erase everything)\n' "$DATA_DIR" "$BACKUP_DIR" "$ETC_DIR/env" "$SERVICE_USER"
}

if [ -z "$ROOT" ] && [ "$DRY_RUN" = 0 ] && [ "$(id -u)" != 0 ]; then die "run as root (sudo), or use --dry-run or --root DIR"; fi
[ "$DRY_RUN" = 1 ] && printf 'dry run: nothing is changed\n'
[ -n "$ROOT" ] && printf 'installing under --root %s\n' "$ROOT"

if [ "$UNINSTALL" = 1 ]; then
  uninstall
  exit 0
fi
ENV_IS_NEW=1
check_platform
ensure_runtime
ensure_user
install_tool
find_templates
install_config
install_units
step "done"
