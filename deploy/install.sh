#!/bin/sh
# Installs cf-gitops as a systemd service on Debian or Raspberry Pi OS (arm64, amd64), from a clone
# of your configuration repository: the service user, the clone under a prefix, `npm ci` there (so
# the cf-gitops the daemon runs is the version the repository's package-lock.json pins), the data
# directory, an environment file for secrets (mode 0600), the daemon's unit and a daily backup timer.
# Idempotent: run it again to upgrade (it fetches the branch, resets the clone to its head, runs
# npm ci and restarts the daemon) or to repair; secrets are never overwritten. See docs/operations.md
# and ADR 29.
set -eu

usage() {
  cat <<'USAGE'
Usage: install.sh [--repo URL] [--branch NAME] [--prefix DIR] [--backup-dir DIR] [--keep-backups N]
                  [--user NAME] [--root DIR] [--dry-run] [--uninstall] [--help]

  --repo URL         your configuration repository, the one `cf-gitops init` made (default:
                     $CFGITOPS_REPO; not needed when the prefix is a clone of it already)
  --branch NAME      the branch the daemon runs (default: $CFGITOPS_BRANCH, else main)
  --prefix DIR       where the clone goes; the daemon runs the cf-gitops its package-lock.json
                     pins, installed there by npm ci (default: /opt/cf-gitops)
  --backup-dir DIR   where the daily backups go (default: /var/backups/cf-gitops)
  --keep-backups N   how many daily backups to keep (default: 14)
  --user NAME        the service user (default: cf-gitops)
  --root DIR         install under DIR instead of / (for tests and images; default:
                     $CFGITOPS_INSTALL_ROOT). No users, packages or systemctl calls there.
  --dry-run          print each step without doing it
  --uninstall        remove the service, its units and the clone; keep the data, the backups,
                     the environment file and the user

Run it again to upgrade: after a commit that changes the pinned cf-gitops (or anything), it
fetches the branch, resets the clone to the branch head, runs npm ci and restarts the daemon.
The data directory is /var/lib/cf-gitops (the unit's StateDirectory); secrets go in
/etc/cf-gitops/env.
USAGE
}

REPO=${CFGITOPS_REPO:-}
BRANCH=${CFGITOPS_BRANCH:-main}
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
# The oldest system Node the README's commands and the packed tool are tested with (the tool itself
# runs on the Node 24 it depends on).
NODE_MIN=20

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi; }

while [ $# -gt 0 ]; do
  case $1 in
    --repo) need_value "$@"; REPO=$2; shift 2 ;;
    --branch) need_value "$@"; BRANCH=$2; shift 2 ;;
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
case $BRANCH in ''|-*|*[!A-Za-z0-9._/-]*) die "--branch must be a branch name, got: $BRANCH" ;; esac
ROOT=${ROOT%/}
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || die "--root $ROOT is not a directory"
  ROOT=$(cd "$ROOT" && pwd)
fi
[ "$ROOT" = / ] && ROOT=
# A local repository is cloned by its absolute path.
if [ -n "$REPO" ] && [ -d "$REPO" ]; then REPO=$(cd "$REPO" && pwd); fi

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

# npm installs the tool; the tool runs itself on the Node 24 it depends on (the `node` package).
ensure_runtime() {
  step "runtime: node >= $NODE_MIN, npm and git"
  if ! { have node && have npm && have git; }; then
    printf 'node, npm or git is missing: installing Debian'"'"'s nodejs, npm and git\n'
    host_only apt-get update
    host_only apt-get install -y --no-install-recommends nodejs npm git
  fi
  if [ "$DRY_RUN" = 1 ] && ! { have node && have npm && have git; }; then return 0; fi
  if ! { have node && have npm && have git; }; then die "node, npm and git are needed (apt-get install nodejs npm git)"; fi
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || printf 0)
  if [ "$major" -lt "$NODE_MIN" ]; then
    die "node $(node --version) is too old: cf-gitops needs node $NODE_MIN or newer to install (Debian 12 and Raspberry Pi OS 12 ship 18: install Node $NODE_MIN or newer from https://github.com/nodesource/distributions, or use Debian 13)"
  fi
  printf 'found: node %s, npm %s, %s\n' "$(node --version)" "$(npm --version)" "$(git --version)"
}

ensure_user() {
  step "service user $SERVICE_USER"
  if [ -z "$ROOT" ] && id "$SERVICE_USER" >/dev/null 2>&1; then printf 'exists: user %s\n' "$SERVICE_USER"; return 0; fi
  host_only useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

# The configuration repository, cloned (first run) or reset to the branch head (every later run).
install_repo() {
  step "the configuration repository in $PREFIX (branch $BRANCH)"
  if [ -d "$ROOT$PREFIX/.git" ]; then
    [ -n "$REPO" ] || REPO=$(git -C "$ROOT$PREFIX" remote get-url origin)
    run git -C "$ROOT$PREFIX" fetch --quiet origin "$BRANCH"
    # The clone is root's and nobody edits it: the branch head is what runs.
    run git -C "$ROOT$PREFIX" reset --quiet --hard FETCH_HEAD
  else
    [ -n "$REPO" ] || die "--repo is needed: the URL of your configuration repository (the one cf-gitops init made)"
    if [ -d "$ROOT$PREFIX" ] && [ -n "$(ls -A "$ROOT$PREFIX")" ]; then
      die "$PREFIX exists and is not a git clone (an install by an older install.sh?): move it away (mv $PREFIX $PREFIX.old) and run this again"
    fi
    run git clone --quiet --branch "$BRANCH" "$REPO" "$ROOT$PREFIX"
  fi
  if [ "$DRY_RUN" = 0 ]; then printf 'at: %s\n' "$(git -C "$ROOT$PREFIX" log -1 --format='%h %s')"; fi
}

# npm ci installs exactly what package-lock.json pins: cf-gitops (from the registry, a git URL or
# vendor/) and its Node 24 runtime.
install_tool() {
  step "cf-gitops: npm ci in $PREFIX (the version its package-lock.json pins)"
  if [ "$DRY_RUN" = 0 ] && [ ! -f "$ROOT$PREFIX/package-lock.json" ]; then
    die "$PREFIX has no package-lock.json: commit it in the configuration repository (npm install writes it), then run this again"
  fi
  run npm ci --prefix "$ROOT$PREFIX" --omit=dev --no-audit --no-fund --loglevel=error
  if [ "$DRY_RUN" = 0 ]; then
    [ -x "$ROOT$PREFIX/node_modules/.bin/cf-gitops" ] || die "npm ci ran, but $PREFIX/node_modules/.bin/cf-gitops is missing: does the configuration repository depend on cf-gitops?"
    printf 'installed: cf-gitops %s (pinned by %s/package-lock.json)\n' "$("$ROOT$PREFIX/node_modules/.bin/cf-gitops" --version)" "$PREFIX"
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
    # The repository and branch the daemon tracks, from this install; the secrets stay empty.
    sed -e "s#^CFGITOPS_REPO=.*#CFGITOPS_REPO=$REPO#" -e "s#^CFGITOPS_BRANCH=.*#CFGITOPS_BRANCH=$BRANCH#" "$TEMPLATES/env.example" | put_file "$ETC_DIR/env" 0600
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
    printf '\nNext: fill in %s (CLOUDFLARE_API_TOKEN, CFGITOPS_WEBHOOK_SECRET, ...), then: systemctl start cf-gitops\n' "$ETC_DIR/env"
  else
    systemctl_do restart cf-gitops.service
  fi
}

uninstall() {
  step "uninstall (data, backups, $ETC_DIR/env and the user are kept; the configuration repository stays on its git server)"
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
install_repo
install_tool
find_templates
install_config
install_units
step "done"
