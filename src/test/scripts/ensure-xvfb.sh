#!/usr/bin/env bash
# The real-ImageJ tests (GUI, macros) need an X display. Use the one there is, else make sure Xvfb is
# installed (Debian's xvfb package; installed here when running as root, as on CI and fresh machines).
if [ -n "${DISPLAY:-}" ] || command -v Xvfb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing xvfb for the ImageJ GUI and macro tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb) >/dev/null 2>&1 && exit 0
fi
echo "error: the ImageJ GUI and macro tests need Xvfb: install it (apt-get install xvfb) or run with a DISPLAY" >&2
exit 1
