/*
 * batch.h - run one job per input in worker processes, deliver in order.
 *
 * Each input is checked in a forked worker process, so a crash, a hang or a
 * memory blow-up inside Poppler on one hostile PDF costs only that input: the
 * worker is killed or reaped, the input gets a failure (crashed, timeout,
 * out-of-memory), and the batch goes on. Results are delivered to `done` in
 * input order, as soon as each one's turn comes, whatever the number of
 * workers. Nothing here prints; the caller decides.
 */
#ifndef BL_BATCH_H
#define BL_BATCH_H

#include <signal.h>
#include <stddef.h>

#include "../core/core.h"

typedef struct {
    const char *code;     /* "crashed", "timeout", "out-of-memory" */
    char message[160];    /* one line */
} bl_batch_fail;

typedef struct {
    int jobs;              /* worker processes at once; 0: in this process, no isolation */
    int timeout_s;         /* per input; 0 = none */
    size_t mem_limit_mb;   /* per worker address space (setrlimit); 0 = none */
    void *ctx;
    /** In the worker: do input i, append the result bytes to out. */
    void (*work)(void *ctx, size_t i, bl_buf *out);
    /** In the parent, in input order: the worker's bytes, or fail != NULL; data is NULL for a skipped input. */
    void (*done)(void *ctx, size_t i, const char *data, size_t len, const bl_batch_fail *fail);
    /** Optional, in the parent: called after each delivery and about every 200 ms. */
    void (*tick)(void *ctx, size_t delivered, size_t running);
    /** Optional, in the parent: true when input i needs no worker (a duplicate, or already stored). */
    bool (*skip)(void *ctx, size_t i);
    volatile sig_atomic_t *stop; /* set (by a signal handler): dispatch no more, kill workers */
    const size_t *cost;    /* optional, per input (file size): within each window of inputs the
                              costliest start first, so one big file does not finish last alone */
    long max_rss_kb;       /* out: the largest worker's peak RSS */
} bl_batch;

/**
 * Run inputs 0..n-1. Returns how many were delivered (n unless stopped).
 * Inputs for which skip() returns true get no worker; done() still sees them
 * in order, with data NULL.
 */
size_t bl_batch_run(bl_batch *b, size_t n);

#endif
