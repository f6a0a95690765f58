#!/bin/sh
# tests/hardening.sh LIB — the add-in library carries the hardening of the
# Makefile: full RELRO (GNU_RELRO segment and BIND_NOW), stack canaries
# (__stack_chk_fail) and fortified libc calls (__*_chk). Prints PASS/FAIL
# lines and "N passed, M failed"; non-zero exit status on a failure.
set -u
lib=${1:-build/libsalesgoal.so}
passed=0 failed=0
check() { # WHAT COMMAND...
  what=$1
  shift
  if "$@" > /dev/null 2>&1; then
    echo "PASS $what"
    passed=$((passed + 1))
  else
    echo "FAIL $what"
    failed=$((failed + 1))
  fi
}
check "GNU_RELRO segment (-z relro)" sh -c "readelf -lW '$lib' | grep -q GNU_RELRO"
check "BIND_NOW (-z now)" sh -c "readelf -dW '$lib' | grep -Eq 'BIND_NOW|FLAGS.*NOW'"
check "stack protector (__stack_chk_fail)" sh -c "readelf -sW --dyn-syms '$lib' | grep -q __stack_chk_fail"
check "fortified calls (__*_chk)" sh -c "readelf -sW --dyn-syms '$lib' | grep -Eq '__(v?snprintf|memcpy|strcpy|strcat|memset|vsnprintf)_chk'"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
