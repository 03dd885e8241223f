/*
 * solo5-hvt-double: a stand-in for Solo5's solo5-hvt tender (v0.12.1-7-g469c1a8, hvt ABI 2) for tests.
 *
 * Written from the observed behaviour in shared/spec/solo5-hvt.md; it runs no guest code and needs no KVM.
 * It parses the command line like the real tender (options only before KERNEL, "--" ends them), reads the
 * Solo5 ABI and manifest notes of KERNEL, attaches taps (TUNSETIFF, held open, so a second user gets EBUSY) and
 * block files, prints the real tender's diagnostics on stderr and exits with its exit codes.
 *
 * Guest behaviour. Without test arguments it emulates the corpus images of shared/vectors/images by their
 * manifest, printing exactly what the real tender prints for them (no Solo5 banner: they have no bindings):
 *   no devices: "guest: hello", exit 0;  a NET_BASIC device: "guest: hello", then run until signalled;
 *   a BLOCK_BASIC device (and no net): "guest: hello", sleep 2 s, exit 0.
 * Any guest argument starting with "--x-" makes it a Solo5-bindings test program instead: it prints the Solo5
 * banner and "Solo5:" lines (unless --solo5:quiet is among the guest arguments), "guest: hello", then acts on:
 *   --x-exit=N        solo5_exit(N): prints "Solo5: solo5_exit(N) called", exits with N & 0xff
 *   --x-abort         prints "Solo5: solo5_abort() called", exits with 255
 *   --x-hang          runs until signalled
 *   --x-print-args    prints "Command line is: '<cmdline>'" (the cmdline the app sees)
 *   --x-lines=N       prints N lines "line <i>", each padded with 'x' to --x-line-bytes=N characters
 *   --x-sleep-ms=N    sleeps N ms before ending
 *   --x-banner        nothing else: the default behaviour by manifest, with the bindings' output
 * (order: hello, print-args, lines, sleep, then exit/abort/hang; without exit/abort/hang the manifest decides).
 * SIGINT/SIGTERM: "solo5-hvt: Exiting on signal N" on stderr, exit 1. Other signals keep their default action.
 *
 * ABI_VERSION may be overridden at compile time (-DABI_VERSION=1) to get a tender of another ABI.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#ifndef ABI_VERSION
#define ABI_VERSION 2
#endif
#define TENDER_VERSION "v0.12.1-7-g469c1a8"
#define CMDLINE_SIZE 8192
#define PAGE_2M 0x200000UL
#define MAX_MEM (2048UL * PAGE_2M)
#define NAME_SIZE 68
#define MAX_ENTRIES 64
#define ENTRY_SIZE 104
#define ABI1_TYPE 0x31494241u
#define MFT1_TYPE 0x3154464du
#define RESERVED_FIRST (1u << 30)
#define TYPE_BLOCK 1u
#define TYPE_NET 2u

static const char *prog = "solo5-hvt";

struct device {
    char name[NAME_SIZE];
    uint32_t type;
    int attached;
    int fd;
    long long capacity;
    unsigned sector_size;
};

static struct device devices[MAX_ENTRIES];
static unsigned device_count; /* entries, including the reserved first one */

/* ---------------------------------------------------------------- output */

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static void vprint(int fd, const char *prefix, const char *fmt, va_list ap)
{
    char buf[CMDLINE_SIZE + 256];
    int n = 0;
    if (prefix)
        n = snprintf(buf, sizeof buf, "%s: ", prefix);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof buf - 1)
        len = sizeof buf - 1;
    write_all(fd, buf, len);
}

/* Tender diagnostics: stderr, "solo5-hvt: " prefix, newline (like warnx). */
static void warn_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn_(const char *fmt, ...)
{
    va_list ap;
    char line[CMDLINE_SIZE + 128];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char out[CMDLINE_SIZE + 256];
    int n = snprintf(out, sizeof out, "%s: %s\n", prog, line);
    write_all(2, out, n < 0 ? 0 : ((size_t)n < sizeof out ? (size_t)n : sizeof out - 1));
}

#define die(...)                                                                \
    do {                                                                        \
        warn_(__VA_ARGS__);                                                     \
        exit(1);                                                                \
    } while (0)

/* Guest console: stdout, unbuffered, as the real tender writes each console chunk at once. */
static void guest(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void guest(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(1, NULL, fmt, ap);
    va_end(ap);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]\n"
            "KERNEL is the filename of the unikernel to run.\n"
            "ARGS are optional arguments passed to the unikernel.\n"
            "Core options:\n"
            "  [ --mem=512 ] (guest memory in MB)\n"
            "    --help (display this help)\n"
            "    --version (display version information)\n"
            "Compiled-in modules: core block net \n"
            "Compiled-in module options:\n"
            "    --block:NAME=PATH (attach block device/file at PATH as block storage NAME)\n"
            "  [ --block-sector-size:NAME=SECTORSIZE ] (set sector size for block device NAME; "
            "must be a power of two greater than or equal 512)\n"
            "    --net:NAME=IFACE | @NN (attach tap at IFACE or at fd @NN as network NAME)\n"
            "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)\n",
            prog);
    exit(1);
}

static void version(void)
{
    fprintf(stderr, "%s tender, version %s\nABI version %u\n", prog, TENDER_VERSION, ABI_VERSION);
    exit(0);
}

/* ---------------------------------------------------------------- signals */

static void on_signal(int signo)
{
    /* Only async-signal-safe calls here: format the number by hand. */
    char buf[128];
    size_t n = 0;
    for (const char *p = prog; *p && n < 64; p++)
        buf[n++] = *p;
    const char *text = ": Exiting on signal ";
    for (const char *p = text; *p; p++)
        buf[n++] = *p;
    if (signo >= 10)
        buf[n++] = (char)('0' + signo / 10);
    buf[n++] = (char)('0' + signo % 10);
    buf[n++] = '\n';
    write_all(2, buf, n);
    _exit(1);
}

/* ---------------------------------------------------------------- ELF notes */

static int read_at(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return (int)(done == len);
}

/*
 * Finds the Solo5 note of note_type among the PT_NOTE segments, as the tender does: only the first note of each
 * segment is looked at. Returns a malloc'ed descriptor (after alignment padding) or NULL if there is none;
 * invalid files end the process with the tender's message.
 */
static uint8_t *load_note(int fd, const char *file, uint32_t note_type, size_t align, size_t max_size,
                          size_t *out_size)
{
    Elf64_Ehdr eh;
    if (!read_at(fd, &eh, sizeof eh, 0))
        die("%s: invalid executable: elf header does not match the expected size", file);
    if (!(memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
          eh.e_ident[EI_DATA] == ELFDATA2LSB && eh.e_version == EV_CURRENT && eh.e_ehsize == sizeof eh &&
          eh.e_phnum >= 1 && eh.e_phentsize == sizeof(Elf64_Phdr) && eh.e_type == ET_EXEC &&
          eh.e_machine == EM_X86_64))
        die("%s: invalid executable: invalid or unsupported executable (elf header invalid while loading note)",
            file);
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (!read_at(fd, &ph, sizeof ph, eh.e_phoff + (uint64_t)i * sizeof ph))
            die("%s: invalid executable: program header does not match the expected size", file);
        if (ph.p_type != PT_NOTE)
            continue;
        if (ph.p_filesz < 12)
            die("%s: invalid executable: phdr[%u].p_filesz note does not fall within valid size (%llu < 12)", file,
                i, (unsigned long long)ph.p_filesz);
        if (ph.p_filesz < 20)
            continue;
        uint8_t nh[20];
        if (!read_at(fd, nh, sizeof nh, ph.p_offset))
            die("%s: phdr[%u] bytes read mismatches note size", file, i);
        uint32_t namesz, descsz, type;
        memcpy(&namesz, nh, 4);
        memcpy(&descsz, nh + 4, 4);
        memcpy(&type, nh + 8, 4);
        if (namesz != 6 || memcmp(nh + 12, "Solo5", 6) != 0 || type != note_type)
            continue;
        if (descsz < 1 || descsz > max_size)
            die("%s: invalid executable: phdr[%u] note does not fall within valid size (%u < 1 || %u > %zu)", file,
                i, descsz, descsz, max_size);
        if (ph.p_filesz < 20 + (uint64_t)descsz)
            die("%s: invalid executable: phdr[%u] note does not fall within valid size (%llu < %llu)", file, i,
                (unsigned long long)ph.p_filesz, 20ULL + descsz);
        size_t pad = ((20 + align - 1) & ~(align - 1)) - 20;
        if (descsz <= pad)
            die("%s: INV_EXE: phdr[%u] note does not fall within valid size", file, i);
        size_t size = descsz - pad;
        uint8_t *data = malloc(size);
        if (data == NULL)
            die("malloc");
        if (!read_at(fd, data, size, ph.p_offset + 20 + pad))
            die("%s: phdr[%u] bytes read mismatches note size (%zu)", file, i, size);
        *out_size = size;
        return data;
    }
    return NULL;
}

static void load_image(const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd == -1)
        die("%s: Could not open: %s", file, strerror(errno));

    size_t size;
    uint8_t *abi = load_note(fd, file, ABI1_TYPE, 4, 32, &size);
    if (abi == NULL)
        die("%s: No Solo5 ABI information found in executable", file);
    uint32_t target = 0, abi_version = 0;
    if (size >= 8) {
        memcpy(&target, abi, 4);
        memcpy(&abi_version, abi + 4, 4);
    }
    free(abi);
    if (target != 1)
        die("%s: Executable is not for the solo5-hvt target", file);
    if (abi_version != ABI_VERSION)
        die("%s: Executable requests unsupported ABI version %u", file, abi_version);

    uint8_t *mft = load_note(fd, file, MFT1_TYPE, 8, 12 + MAX_ENTRIES * ENTRY_SIZE, &size);
    if (mft == NULL)
        die("%s: No Solo5 manifest found in executable", file);
    uint32_t mversion = 0, entries = 0;
    int valid = size >= 8;
    if (valid) {
        memcpy(&mversion, mft, 4);
        memcpy(&entries, mft + 4, 4);
        valid = mversion == 1 && entries >= 1 && entries <= MAX_ENTRIES &&
                size == 8 + (size_t)entries * ENTRY_SIZE;
    }
    for (uint32_t i = 0; valid && i < entries; i++) {
        const uint8_t *e = mft + 8 + (size_t)i * ENTRY_SIZE;
        memcpy(devices[i].name, e, NAME_SIZE);
        memcpy(&devices[i].type, e + 68, 4);
        devices[i].fd = -1;
        if (e[NAME_SIZE - 1] != 0 || e[96] != 0)
            valid = 0;
        if (i == 0 && (devices[0].type != RESERVED_FIRST || devices[0].name[0] != 0))
            valid = 0;
    }
    free(mft);
    if (!valid)
        die("%s: Solo5 manifest is invalid", file);
    device_count = entries;
    close(fd);
}

static struct device *device_named(const char *name, uint32_t type)
{
    for (unsigned i = 0; i < device_count; i++)
        if (devices[i].type == type && strncmp(devices[i].name, name, NAME_SIZE) == 0)
            return &devices[i];
    return NULL;
}

static const char *type_name(uint32_t type)
{
    return type == TYPE_BLOCK ? "BLOCK_BASIC" : type == TYPE_NET ? "NET_BASIC" : "<undefined type>";
}

/* ---------------------------------------------------------------- options */

/*
 * Parses "<prefix>NAME=VALUE" where NAME is 1..67 characters of [A-Za-z0-9], like the tender's sscanf
 * "%67[A-Za-z0-9]=%s". Returns a pointer to VALUE (non-empty) or NULL.
 */
static const char *name_value(const char *arg, size_t prefix_len, char name[NAME_SIZE])
{
    const char *p = arg + prefix_len;
    size_t n = 0;
    while (n < NAME_SIZE - 1 && isalnum((unsigned char)p[n])) {
        name[n] = p[n];
        n++;
    }
    name[n] = 0;
    if (n == 0 || p[n] != '=' || p[n + 1] == 0 || isspace((unsigned char)p[n + 1]))
        return NULL;
    return p + n + 1;
}

static void handle_mem(const char *arg, size_t *mem)
{
    char *end;
    errno = 0;
    long long v = strtoll(arg + 6, &end, 10);
    if (end == arg + 6)
        die("Malformed argument to --mem");
    size_t bytes = (size_t)v << 20;
    if (bytes == 0)
        die("Malformed argument to --mem");
    *mem = bytes;
}

/* The tender attaches an existing, UP tap exclusively; see tap_attach in the spec. */
static int attach_tap(const char *iface)
{
    if (iface[0] == '@') {
        /* Observed: the fd form never works in this version ("Could not attach interface: @3: Success"). */
        errno = 0;
        return -1;
    }
    if (strlen(iface) >= IFNAMSIZ) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char path[64];
    snprintf(path, sizeof path, "/sys/class/net/%s/flags", iface);
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        errno = ENOENT;
        return -1;
    }
    unsigned long flags = 0;
    int ok = fscanf(f, "%lx", &flags) == 1;
    fclose(f);
    if (!ok) {
        errno = ENOENT;
        return -1;
    }
    if (!(flags & (IFF_UP | IFF_RUNNING))) {
        errno = ENETDOWN;
        return -1;
    }
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
    if (fd == -1)
        return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    memcpy(ifr.ifr_name, iface, strlen(iface)); /* shorter than IFNAMSIZ, checked above */
    if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    if (strncmp(ifr.ifr_name, iface, IFNAMSIZ) != 0) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

static int handle_net(const char *arg)
{
    char name[NAME_SIZE];
    if (strncmp(arg, "--net:", 6) == 0) {
        const char *value = name_value(arg, 6, name);
        if (value == NULL)
            return -1;
        char iface[20];
        snprintf(iface, sizeof iface, "%.*s", (int)strcspn(value, " \t\n"), value);
        struct device *d = device_named(name, TYPE_NET);
        if (d == NULL) {
            warn_("Resource not declared in manifest: '%s'", name);
            return -1;
        }
        int fd = attach_tap(iface);
        if (fd < 0) {
            warn_("Could not attach interface: %s: %s", iface, strerror(errno));
            return -1;
        }
        d->fd = fd;
        d->attached = 1;
        return 0;
    }
    if (strncmp(arg, "--net-mac:", 10) == 0) {
        const char *value = name_value(arg, 10, name);
        if (value == NULL)
            return -1;
        unsigned mac[6];
        if (sscanf(value, "%02x:%02x:%02x:%02x:%02x:%02x", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4],
                   &mac[5]) != 6)
            return -1;
        if (device_named(name, TYPE_NET) == NULL) {
            warn_("Resource not declared in manifest: '%s'", name);
            return -1;
        }
        return 0;
    }
    return -1;
}

static int handle_block(const char *arg)
{
    char name[NAME_SIZE];
    if (strncmp(arg, "--block:", 8) == 0) {
        const char *path = name_value(arg, 8, name);
        if (path == NULL)
            return -1;
        struct device *d = device_named(name, TYPE_BLOCK);
        if (d == NULL) {
            warn_("Resource not declared in manifest: '%s'", name);
            return -1;
        }
        int fd = open(path, O_RDWR);
        if (fd == -1)
            die("Could not open block device: %s: %s", path, strerror(errno));
        off_t capacity = lseek(fd, 0, SEEK_END);
        if (capacity == -1)
            die("%s: Could not determine capacity: %s", path, strerror(errno));
        d->fd = fd;
        d->capacity = capacity;
        d->attached = 1;
        return 0;
    }
    if (strncmp(arg, "--block-sector-size:", 20) == 0) {
        const char *value = name_value(arg, 20, name);
        if (value == NULL || !isdigit((unsigned char)value[0]))
            return -1;
        uint16_t size = (uint16_t)strtoul(value, NULL, 10); /* like sscanf %hu: truncated to 16 bits */
        if (size < 512 || (size & (size - 1))) {
            warn_("Block size must be a multiple of 2 greater than or equal 512");
            return -1;
        }
        struct device *d = device_named(name, TYPE_BLOCK);
        if (d == NULL) {
            warn_("Resource not declared in manifest: '%s'", name);
            return -1;
        }
        d->sector_size = size;
        return 0;
    }
    return -1;
}

/* ---------------------------------------------------------------- guest */

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

static void hang(void)
{
    for (;;)
        pause();
}

static void run_guest(int argc, char **argv, size_t mem)
{
    int bindings = 0, quiet = 0, has_net = 0, has_block = 0;
    int do_exit = 0, do_abort = 0, do_hang = 0, print_args = 0;
    long exit_code = 0, lines = 0, line_bytes = 0, sleep_for = 0;
    char app_cmdline[CMDLINE_SIZE] = "";
    size_t app_len = 0;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--solo5:quiet") == 0) {
            quiet = 1;
            continue;
        }
        size_t alen = strlen(a);
        if (app_len + alen + 2 < sizeof app_cmdline) {
            if (app_len > 0)
                app_cmdline[app_len++] = ' ';
            memcpy(app_cmdline + app_len, a, alen + 1);
            app_len += alen;
        }
        if (strncmp(a, "--x-", 4) != 0)
            continue;
        bindings = 1;
        if (strncmp(a, "--x-exit=", 9) == 0) {
            do_exit = 1;
            exit_code = strtol(a + 9, NULL, 10);
        } else if (strcmp(a, "--x-abort") == 0) {
            do_abort = 1;
        } else if (strcmp(a, "--x-hang") == 0) {
            do_hang = 1;
        } else if (strcmp(a, "--x-print-args") == 0) {
            print_args = 1;
        } else if (strncmp(a, "--x-lines=", 10) == 0) {
            lines = strtol(a + 10, NULL, 10);
        } else if (strncmp(a, "--x-line-bytes=", 15) == 0) {
            line_bytes = strtol(a + 15, NULL, 10);
        } else if (strncmp(a, "--x-sleep-ms=", 13) == 0) {
            sleep_for = strtol(a + 13, NULL, 10);
        }
    }
    for (unsigned i = 1; i < device_count; i++) {
        has_net |= devices[i].type == TYPE_NET;
        has_block |= devices[i].type == TYPE_BLOCK;
    }
    int verbose = bindings && !quiet;

    if (verbose) {
        guest("            |      ___|\n"
              "  __|  _ \\  |  _ \\ __ \\\n"
              "\\__ \\ (   | | (   |  ) |\n"
              "____/\\___/ _|\\___/____/\n");
        guest("Solo5: Bindings version %s\n", TENDER_VERSION);
        if (mem <= 0x30c000) {
            guest("Solo5: ABORT: mem.c:54: Not enough memory\n");
            exit(255);
        }
        guest("Solo5: Memory map: %zu MB addressable:\n", mem >> 20);
        guest("Solo5:   reserved @ (0x0 - 0xfffff)\n"
              "Solo5:       text @ (0x100000 - 0x104fff)\n"
              "Solo5:     rodata @ (0x105000 - 0x106fff)\n"
              "Solo5:       data @ (0x107000 - 0x30bfff)\n");
        guest("Solo5:       heap >= 0x30c000 < stack < 0x%zx\n", mem);
    }
    guest("guest: hello\n");
    if (print_args)
        guest("Command line is: '%s'\n", app_cmdline);
    if (lines > 0) {
        size_t width = line_bytes > 0 ? (size_t)line_bytes : 0;
        char *buf = malloc(width + 32);
        if (buf == NULL)
            die("malloc");
        for (long i = 1; i <= lines; i++) {
            int n = snprintf(buf, 32, "line %ld", i);
            size_t len = (size_t)n;
            while (len < width)
                buf[len++] = 'x';
            buf[len++] = '\n';
            write_all(1, buf, len);
        }
        free(buf);
    }
    if (sleep_for > 0)
        sleep_ms(sleep_for);
    if (do_abort) {
        if (verbose)
            guest("Solo5: solo5_abort() called\n");
        exit(255);
    }
    if (do_exit) {
        if (verbose)
            guest("Solo5: solo5_exit(%d) called\n", (int)exit_code);
        exit((int)exit_code & 0xff);
    }
    if (do_hang || has_net)
        hang();
    if (has_block && !bindings)
        sleep_ms(2000);
    if (verbose)
        guest("Solo5: solo5_exit(0) called\n");
    exit(0);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    size_t mem = 0x20000000;
    const char *slash = strrchr(argv[0], '/');
    prog = slash ? slash + 1 : argv[0];
    argc--;
    argv++;

    /* Pass 1: terminal options and the KERNEL operand. */
    char **p = argv;
    while (*p && (*p)[0] == '-') {
        if (strcmp(*p, "--") == 0) {
            p++;
            break;
        }
        if (strcmp(*p, "--help") == 0)
            usage();
        if (strcmp(*p, "--version") == 0)
            version();
        p++;
    }
    if (*p == NULL) {
        warn_("Missing KERNEL operand");
        usage();
    }
    load_image(*p);

    /* Pass 2: options, handed to the core (--mem) and the block and net modules. */
    while (*argv && (*argv)[0] == '-') {
        if (strcmp(*argv, "--") == 0) {
            argv++;
            break;
        }
        if (strncmp(*argv, "--mem=", 6) == 0)
            handle_mem(*argv, &mem);
        else if (handle_block(*argv) != 0 && handle_net(*argv) != 0) {
            warn_("Invalid option: `%s'", *argv);
            usage();
        }
        argv++;
    }
    argv++; /* KERNEL */
    int guest_argc = 0;
    while (argv[guest_argc])
        guest_argc++;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    size_t adjusted = (mem / PAGE_2M) * PAGE_2M;
    if (adjusted == 0)
        adjusted = PAGE_2M;
    if (adjusted != mem)
        warn_("adjusting memory to %zu bytes", adjusted);
    if (adjusted > MAX_MEM)
        die("guest memory size %zu bytes exceeds the max size %zu bytes", adjusted, (size_t)MAX_MEM);
    mem = adjusted;

    /* Module setup: block devices first, then the attached-check over the whole manifest. */
    for (unsigned i = 1; i < device_count; i++) {
        struct device *d = &devices[i];
        if (d->type != TYPE_BLOCK || !d->attached)
            continue;
        if (d->sector_size == 0)
            d->sector_size = 512;
        if (d->capacity & (long long)(d->sector_size - 1))
            die("%.67s: Backing storage size must be block aligned (%u bytes)", d->name, d->sector_size);
        if (d->capacity < (long long)d->sector_size)
            die("%.67s: Backing storage must be at least 1 block (%u bytes) in size", d->name, d->sector_size);
    }
    int missing = 0;
    for (unsigned i = 1; i < device_count; i++) {
        if (!devices[i].attached) {
            warn_("Device '%s' of type %s declared but not attached.", devices[i].name,
                  type_name(devices[i].type));
            missing = 1;
        }
    }
    if (missing)
        die("All declared devices must be attached. See --help for syntax.");

    size_t cmdline = 0;
    for (int i = 0; i < guest_argc; i++)
        cmdline += strlen(argv[i]) + (i + 1 < guest_argc ? 1 : 0);
    if (cmdline >= CMDLINE_SIZE)
        die("Guest command line too long (max=%d characters)", CMDLINE_SIZE - 1);

    run_guest(guest_argc, argv, mem);
    return 0;
}
