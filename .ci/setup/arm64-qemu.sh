# The arm64 C library for the linux-arm64 binary under qemu (.ci/stages/70-arm64-qemu.sh):
# Debian's libc6:arm64, installed beside the host's (multiarch), so qemu-aarch64 finds
# /lib/ld-linux-aarch64.so.1 and /lib/aarch64-linux-gnu/libc.so.6 without a sysroot. Not in
# .ci/apt: an arm64 package there would fail the shared apt-get line before the architecture
# is added. A failure here is reported by the stage, which then fails (it never skips).
section "arm64 C library (libc6:arm64) for qemu"
arm64_setup_started=$SECONDS
if [ -e /lib/aarch64-linux-gnu/libc.so.6 ]; then
  echo "libc6:arm64 already installed"
elif command -v apt-get >/dev/null 2>&1 &&
  dpkg --add-architecture arm64 &&
  apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libc6:arm64 >/dev/null; then
  echo "installed libc6:arm64 in $((SECONDS - arm64_setup_started)) s"
else
  echo "WARNING: libc6:arm64 could not be installed: the arm64 qemu stage will fail" >&2
fi
