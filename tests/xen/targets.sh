# SPDX-License-Identifier: MIT
# Sourced by the tests that compile for Xen's four ABIs: the clang target
# of each (bare metal, as a hypervisor or guest kernel is built).

# target_of ABI: arm32, arm64, x86_32 or x86_64 -> clang's --target
target_of() {
    case $1 in
    arm32) echo armv7a-none-eabi ;;
    arm64) echo aarch64-none-elf ;;
    x86_32) echo i386-none-elf ;;
    x86_64) echo x86_64-none-elf ;;
    *) echo "unknown ABI $1" >&2; exit 2 ;;
    esac
}
