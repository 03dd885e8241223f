package dev.albatross.console.fifo;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls the fifo reader makes (Linux, 64-bit: {@code ssize_t}/{@code size_t} are Java {@code long}).
 * Flag values are the kernel's generic ones, identical on x86-64 and arm64 ({@code asm-generic/fcntl.h},
 * {@code sys/epoll.h}, {@code sys/eventfd.h}, {@code asm-generic/errno-base.h}).
 */
interface LibC extends Library {
    // Native: libc.so.6 through JNA's interface mapping; errno is kept per thread for Native.getLastError().
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;    // 04000
    int O_CLOEXEC = 0x80000;   // 02000000; also EPOLL_CLOEXEC and EFD_CLOEXEC

    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLLIN = 0x001;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;

    int EINTR = 4;
    int EAGAIN = 11;

    int open(String path, int flags);

    int close(int fd);

    long read(int fd, Pointer buf, long count);

    long write(int fd, Pointer buf, long count);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    int eventfd(int initval, int flags);

    String strerror(int errnum);
}
