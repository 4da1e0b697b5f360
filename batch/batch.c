/* batch.c - fork-per-input workers, poll(), in-order delivery. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/banned.h"

#if defined(__SANITIZE_ADDRESS__)
#define BL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BL_ASAN 1
#endif
#endif

typedef struct {
    pid_t pid;
    int fd;
    size_t index;
    double started;
    bool timed_out;
    bl_buf out;
} slot;

typedef struct {
    bool ready, skipped;
    bl_buf data;
    bl_batch_fail fail;
    bool failed;
} result;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Under a memory cap a library that does not check malloc dies of SIGSEGV (or aborts)
 * when the cap is reached: a worker that dies so with its address space near the cap
 * ran out of memory, and says so with exit status 4. Async-signal-safe: /proc read
 * with open/read, no stdio, no malloc.
 */
#ifndef BL_ASAN
static size_t oom_near_bytes; /* the address-space size that counts as "at the cap" */

static void on_fatal(int sig)
{
    char buf[64];
    int f = open("/proc/self/statm", O_RDONLY);
    ssize_t n = f >= 0 ? read(f, buf, sizeof buf - 1) : -1;
    if (f >= 0)
        close(f);
    size_t pages = 0;
    for (ssize_t k = 0; k < n && buf[k] >= '0' && buf[k] <= '9'; k++)
        pages = pages * 10 + (size_t)(buf[k] - '0');
    if (n > 0 && pages * (size_t)sysconf(_SC_PAGESIZE) >= oom_near_bytes)
        _exit(4);
    signal(sig, SIG_DFL);
    raise(sig);
}
#endif

static void child(bl_batch *b, size_t i, int fd)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
#ifndef BL_ASAN
    /* one stderr line per file, and the parent writes it: a worker's own messages (a
     * library's "Out of memory") would be lines naming no file. BUDGETLINT_WORKER_STDERR
     * keeps them for debugging; sanitizer builds keep them for their reports. */
    if (!getenv("BUDGETLINT_WORKER_STDERR")) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDERR_FILENO);
            close(null);
        }
    }
#endif
#ifndef BL_ASAN
    /* a cap on the address space (ASan needs terabytes of it, so not there) */
    if (b->mem_limit_mb) {
        struct rlimit rl = {(rlim_t)b->mem_limit_mb << 20, (rlim_t)b->mem_limit_mb << 20};
        setrlimit(RLIMIT_AS, &rl);
        /* within an eighth of the cap (at least 4 MB) counts as at the cap */
        size_t cap = b->mem_limit_mb << 20, slack = cap / 8 > ((size_t)4 << 20) ? cap / 8 : (size_t)4 << 20;
        oom_near_bytes = cap > slack ? cap - slack : 0;
        static char altstack[1 << 15];
        stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
        sigaltstack(&ss, NULL);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal;
        sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        sigaction(SIGABRT, &sa, NULL);
    }
#endif
    bl_buf out = BL_BUF_INIT;
    b->work(b->ctx, i, &out);
    size_t off = 0;
    while (off < out.len) {
        ssize_t w = write(fd, out.data + off, out.len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            _exit(3);
        }
        off += (size_t)w;
    }
    _exit(0); /* no atexit handlers, no stdio flush of the parent's buffers */
}

static void classify(bl_batch *b, slot *s, int status, const struct rusage *ru, result *r)
{
    if (ru->ru_maxrss > b->max_rss_kb)
        b->max_rss_kb = ru->ru_maxrss;
    if (s->timed_out) {
        r->failed = true;
        r->fail.code = "timeout";
        snprintf(r->fail.message, sizeof r->fail.message, "checking took longer than %d s; the worker was stopped",
                 b->timeout_s);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        r->data = s->out;
        s->out.data = NULL;
        s->out.len = s->out.cap = 0;
        return;
    } else if ((WIFEXITED(status) && WEXITSTATUS(status) == 4) ||
               (b->mem_limit_mb && (size_t)ru->ru_maxrss >= b->mem_limit_mb * 1024 * 9 / 10)) {
        r->failed = true;
        r->fail.code = "out-of-memory";
        snprintf(r->fail.message, sizeof r->fail.message, "the worker ran out of memory (limit %zu MB)",
                 b->mem_limit_mb);
    } else {
        r->failed = true;
        r->fail.code = "crashed";
        if (WIFSIGNALED(status))
            snprintf(r->fail.message, sizeof r->fail.message, "the worker crashed (signal %d, %s)",
                     WTERMSIG(status), strsignal(WTERMSIG(status)));
        else
            snprintf(r->fail.message, sizeof r->fail.message, "the worker failed (exit %d)", WEXITSTATUS(status));
    }
    bl_buf_release(&s->out);
}

static const size_t *cost_base; /* qsort has no context argument */

static int by_cost(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (cost_base[x] != cost_base[y])
        return cost_base[x] > cost_base[y] ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: equal costs keep input order */
}

/* No pipe or no process for a worker: the input fails, the batch goes on. */
static void cannot_start(result *r)
{
    r->ready = r->failed = true;
    r->fail.code = "crashed";
    snprintf(r->fail.message, sizeof r->fail.message, "cannot start a worker: %s", bl_strerror(errno));
}

/*
 * jobs == 0 checks in this process, where a file in progress cannot be stopped and the
 * batch go on: Ctrl-C (or SIGTERM) during a file, or --timeout running out, ends the run
 * at once with one line on stderr; every record already written is complete (each is
 * flushed when delivered). Exit 130 for a signal, 2 for a timeout.
 */
static volatile sig_atomic_t inline_busy;
static volatile sig_atomic_t *inline_stop;

static void say(const char *msg) /* async-signal-safe */
{
    ssize_t w = write(STDERR_FILENO, msg, strlen(msg));
    (void)w;
}

static void inline_signal(int sig)
{
    if (!inline_busy) {
        if (inline_stop)
            *inline_stop = 1;
        return;
    }
    say(sig == SIGALRM ? "budgetlint: error: a file checked in process (-j 0) took longer than --timeout; "
                         "the run stops here (-j 1 or more stops only that file)\n"
                       : "budgetlint: interrupted: the file being checked in process (-j 0) was not finished\n");
    _exit(sig == SIGALRM ? 2 : 130);
}

/* jobs == 0: every input in this process, one after another (no isolation). */
static size_t run_inline(bl_batch *b, size_t n)
{
    size_t i;
    inline_stop = b->stop;
    struct sigaction sa, old_int, old_term, old_alrm;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = inline_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGALRM, &sa, &old_alrm);
    for (i = 0; i < n && !(b->stop && *b->stop); i++) {
        if (b->skip && b->skip(b->ctx, i)) {
            b->done(b->ctx, i, NULL, 0, NULL);
        } else {
            bl_buf out = BL_BUF_INIT;
            inline_busy = 1;
            if (b->timeout_s > 0)
                alarm((unsigned)b->timeout_s);
            b->work(b->ctx, i, &out);
            alarm(0);
            inline_busy = 0;
            b->done(b->ctx, i, out.data ? out.data : "", out.len, NULL);
            bl_buf_release(&out);
        }
        if (b->tick)
            b->tick(b->ctx, i + 1, 0);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGALRM, &old_alrm, NULL);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        b->max_rss_kb = ru.ru_maxrss;
    return i;
}

size_t bl_batch_run(bl_batch *b, size_t n)
{
    if (b->jobs == 0)
        return run_inline(b, n);
    int jobs = b->jobs;
    slot *slots = calloc((size_t)jobs, sizeof *slots);
    result *res = calloc(n ? n : 1, sizeof *res);
    if (!slots || !res) {
        fputs("budgetlint: error: out of memory\n", stderr);
        abort();
    }
    for (int k = 0; k < jobs; k++)
        slots[k].fd = -1;
    size_t pos = 0, delivered = 0;
    int running = 0;
    /* results wait in memory for their turn: keep the window bounded */
    size_t window = (size_t)jobs * 4 + 16;
    /*
     * Dispatch order: input order, or by cost (largest first) inside each
     * block of `window` inputs - longest-processing-time-first keeps both
     * workers busy to the end. Delivery stays in input order either way.
     */
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        abort();
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (b->cost) {
        cost_base = b->cost;
        for (size_t i = 0; i < n; i += window)
            qsort(order + i, n - i < window ? n - i : window, sizeof *order, by_cost);
    }
    double last_tick = 0;
    while (delivered < n) {
        bool stopping = b->stop && *b->stop;
        /* dispatch */
        while (!stopping && pos < n && order[pos] < delivered + window) {
            size_t next = order[pos];
            if (b->skip && b->skip(b->ctx, next)) {
                res[next].ready = res[next].skipped = true;
                pos++;
                continue;
            }
            int k;
            for (k = 0; k < jobs && slots[k].pid; k++)
                ;
            if (k == jobs)
                break;
            int p[2];
            if (pipe(p) < 0) {
                cannot_start(&res[next]);
                pos++;
                continue;
            }
            fflush(NULL);
            pid_t parent = getpid(), pid = fork();
            if (pid == 0) {
                /* a worker never outlives its parent (kill -9 of the batch) */
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (getppid() != parent)
                    _exit(1);
                close(p[0]);
                for (int o = 0; o < jobs; o++)
                    if (slots[o].fd >= 0)
                        close(slots[o].fd);
                child(b, next, p[1]);
            }
            close(p[1]);
            if (pid < 0) {
                close(p[0]);
                cannot_start(&res[next]);
                pos++;
                continue;
            }
            fcntl(p[0], F_SETFL, O_NONBLOCK);
            slots[k].pid = pid;
            slots[k].fd = p[0];
            slots[k].index = next;
            slots[k].started = now();
            slots[k].timed_out = false;
            running++;
            pos++;
        }
        /* deliver in order */
        while (delivered < n && res[delivered].ready) {
            result *r = &res[delivered];
            b->done(b->ctx, delivered, r->skipped ? NULL : r->data.data ? r->data.data : "", r->data.len,
                    r->failed ? &r->fail : NULL);
            bl_buf_release(&r->data);
            delivered++;
            if (b->tick)
                b->tick(b->ctx, delivered, (size_t)running);
        }
        if (delivered >= n)
            break;
        if (running == 0) {
            if (stopping || pos >= n)
                break; /* stopped: nothing more will come */
            continue;
        }
        /* wait for output, an exit, or a deadline */
        struct pollfd pf[64];
        int idx[64], np = 0;
        for (int k = 0; k < jobs && np < 64; k++)
            if (slots[k].pid && slots[k].fd >= 0) {
                pf[np].fd = slots[k].fd;
                pf[np].events = POLLIN;
                idx[np++] = k;
            }
        int wait_ms = 200;
        double t = now();
        for (int k = 0; k < jobs; k++)
            if (slots[k].pid && b->timeout_s > 0 && !slots[k].timed_out) {
                double left = slots[k].started + b->timeout_s - t;
                int ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
                if (ms < wait_ms)
                    wait_ms = ms;
            }
        int pr = poll(pf, (nfds_t)np, wait_ms);
        if (pr < 0 && errno != EINTR)
            break;
        for (int q = 0; q < np && pr > 0; q++) {
            if (!(pf[q].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            slot *s = &slots[idx[q]];
            char chunk[65536];
            for (;;) {
                ssize_t r = read(s->fd, chunk, sizeof chunk);
                if (r > 0) {
                    bl_buf_add(&s->out, chunk, (size_t)r);
                    continue;
                }
                if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                    close(s->fd);
                    s->fd = -1; /* EOF: the worker is done or dead; reap below */
                }
                break;
            }
        }
        /* deadlines and a stop request */
        t = now();
        stopping = b->stop && *b->stop;
        for (int k = 0; k < jobs; k++) {
            slot *s = &slots[k];
            if (!s->pid)
                continue;
            if (!s->timed_out && ((b->timeout_s > 0 && t - s->started >= b->timeout_s) || stopping)) {
                s->timed_out = !stopping;
                kill(s->pid, SIGKILL);
            }
        }
        /* reap */
        for (int k = 0; k < jobs; k++) {
            slot *s = &slots[k];
            if (!s->pid)
                continue;
            int status;
            struct rusage ru;
            pid_t w = wait4(s->pid, &status, (s->fd < 0 || s->timed_out || stopping) ? 0 : WNOHANG, &ru);
            if (w == 0)
                continue;
            if (s->fd >= 0) {
                /* the worker has exited: what it wrote may still wait in the pipe */
                fcntl(s->fd, F_SETFL, 0);
                char chunk[65536];
                ssize_t r;
                while ((r = read(s->fd, chunk, sizeof chunk)) > 0 || (r < 0 && errno == EINTR))
                    if (r > 0)
                        bl_buf_add(&s->out, chunk, (size_t)r);
                close(s->fd);
                s->fd = -1;
            }
            result *r = &res[s->index];
            if (stopping && !s->timed_out && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
                bl_buf_release(&s->out); /* interrupted: not a result */
            } else {
                classify(b, s, status, &ru, r);
                r->ready = true;
            }
            s->pid = 0;
            running--;
        }
        if (b->tick && t - last_tick > 0.2) {
            last_tick = t;
            b->tick(b->ctx, delivered, (size_t)running);
        }
    }
    for (size_t i = delivered; i < n; i++)
        bl_buf_release(&res[i].data);
    free(order);
    free(res);
    free(slots);
    return delivered;
}
