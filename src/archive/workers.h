/* workers.h — processes that typeset editions one after another.
 *
 * The archive's editions are typeset in processes of their own, so that
 * HarfBuzz and FreeType objects are never shared between threads and an
 * edition that crashes takes no other down.  A process per edition pays
 * its start every time (the fork, the typesetter's segmenter and shaper,
 * the shape cache filled anew): a worker is forked once, with the fonts
 * and layout the parent loaded, and then typesets job after job, keeping
 * what it made for the last.
 *
 *     workers_start → workers_give (a job to an idle worker) …
 *                   → workers_wait (the result of one) … → workers_stop
 *
 * In the worker, job(ctx, n) runs with its standard error going to a log
 * of its own, which comes back with its exit status and the worker's peak
 * resident memory so far.  A worker that dies (a signal, an exit) gives
 * its job back as died, and another worker is forked in its place for the
 * jobs still to come.  Jobs are numbers; the caller keeps what they mean. */
#ifndef PAIBAN_ARCHIVE_WORKERS_H
#define PAIBAN_ARCHIVE_WORKERS_H

#include "base/base.h"

typedef struct worker_pool worker_pool;

typedef struct worker_result {
    int job;
    int status;        /* what job() returned; for a worker that died, its signal or status */
    bool died;         /* the worker ended during the job */
    long peak_kib;     /* the worker's largest resident set so far */
    char *log;         /* what the job wrote to standard error (caller frees) */
    size_t log_len;
} worker_result;

/* Up to `count` workers running job(ctx, n), forked as jobs come; NULL
 * never (a worker that cannot be forked is reported by workers_give). */
worker_pool *workers_start(int count, int (*job)(void *ctx, int n), void *ctx);
/* Give job n to an idle worker (forking one when there is room); false
 * when every worker is busy, or with errno set when no process can be
 * made. */
bool workers_give(worker_pool *p, int n);
/* The number of jobs given and not yet come back. */
int workers_busy(const worker_pool *p);
/* Wait up to timeout_ms for a job to come back: true with its result in
 * *out, false when none did by then. */
bool workers_wait(worker_pool *p, int timeout_ms, worker_result *out);
/* End every worker (killed when `kill`, else when it has finished its
 * job) and free the pool. */
void workers_stop(worker_pool *p, bool kill);

#endif
