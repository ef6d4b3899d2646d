#!/usr/bin/python3
"""Runs a command with io_uring refused by the kernel, as container runtimes' default seccomp
profiles do: io_uring_setup, io_uring_enter and io_uring_register fail with EPERM.

Usage: without_io_uring.py COMMAND [ARGS...]   (the command replaces this process)
"""
import ctypes
import os
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
EPERM = 1
AUDIT_ARCH_X86_64 = 0xC000003E
IO_URING_SETUP, IO_URING_ENTER, IO_URING_REGISTER = 425, 426, 427

BPF_LD_W_ABS = 0x20
BPF_JEQ_K = 0x15
BPF_RET_K = 0x06


def insn(code, jt, jf, k):
    return struct.pack("HBBI", code, jt, jf, k)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    program = b"".join([
        insn(BPF_LD_W_ABS, 0, 0, 4),                    # 0: arch
        insn(BPF_JEQ_K, 0, 5, AUDIT_ARCH_X86_64),       # 1: other arch -> allow
        insn(BPF_LD_W_ABS, 0, 0, 0),                    # 2: syscall number
        insn(BPF_JEQ_K, 2, 0, IO_URING_SETUP),          # 3: -> refuse
        insn(BPF_JEQ_K, 1, 0, IO_URING_ENTER),          # 4: -> refuse
        insn(BPF_JEQ_K, 0, 1, IO_URING_REGISTER),       # 5: -> refuse, else allow
        insn(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM),  # 6
        insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),       # 7
    ])
    count = len(program) // 8
    filters = ctypes.create_string_buffer(program, len(program))
    fprog = struct.pack("HxxxxxxQ", count, ctypes.addressof(filters))
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        sys.exit("prctl(PR_SET_NO_NEW_PRIVS) failed: errno %d" % ctypes.get_errno())
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog_buffer), 0, 0) != 0:
        sys.exit("prctl(PR_SET_SECCOMP) failed: errno %d" % ctypes.get_errno())
    os.execvp(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()
