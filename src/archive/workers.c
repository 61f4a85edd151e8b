/* workers.c — forked workers, each on a socket of its own: jobs go down
 * it, results (with the job's standard error) come back up. */
#include "archive/workers.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct worker {
    pid_t pid;             /* 0: no process in this place */
    int fd;                /* the parent's end of the socket */
    int job;               /* the job it has, -1: idle */
} worker;

struct worker_pool {
    worker *w;
    int count;
    int (*job)(void *ctx, int n);
    void *ctx;
};

/* What comes back after a job, before its log. */
typedef struct result_head {
    int32_t job, status;
    int64_t peak_kib;
    uint64_t log_len;
} result_head;

/* All n bytes sent to (out) or read from fd, through interruptions and
 * short transfers; false when the other end is gone. */
static bool transfer_all(int fd, void *p, size_t n, bool out)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = out ? send(fd, c, n, MSG_NOSIGNAL) : read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        c += k;
        n -= (size_t)k;
    }
    return true;
}

static bool write_all(int fd, const void *p, size_t n)
{
    return transfer_all(fd, (void *)p, n, true);
}

static bool read_all(int fd, void *p, size_t n) { return transfer_all(fd, p, n, false); }

/* Send back the result of job n and what it wrote into `log`. */
static void send_result(int fd, int log, int n, int status)
{
    fflush(NULL);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    off_t len = log >= 0 ? lseek(log, 0, SEEK_END) : 0;
    result_head h = {n, status, ru.ru_maxrss, len > 0 ? (uint64_t)len : 0};
    if (!write_all(fd, &h, sizeof h))
        _exit(0);
    char buf[8192];
    for (off_t at = 0; at < len;) {
        ssize_t k = pread(log, buf, sizeof buf, at);
        if (k <= 0)
            memset(buf, ' ', (size_t)(k = (ssize_t)MIN((off_t)sizeof buf, len - at)));
        if (!write_all(fd, buf, (size_t)k))
            _exit(0);
        at += k;
    }
}

static void worker_main(worker_pool *p, int fd, pid_t parent)
{
    /* The worker dies with the run: no orphan writes on after a kill. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(3);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    char tmpl[] = "/tmp/paiban-archive-log-XXXXXX";
    int log = mkstemp(tmpl);
    if (log >= 0)
        unlink(tmpl);
    int32_t n;
    while (read_all(fd, &n, sizeof n)) {
        if (log >= 0) {
            fflush(stderr);
            if (ftruncate(log, 0) == 0 && lseek(log, 0, SEEK_SET) == 0)
                dup2(log, STDERR_FILENO);
        }
        int status = p->job(p->ctx, n);
        send_result(fd, log, n, status);
    }
    _exit(0);
}

worker_pool *workers_start(int count, int (*job)(void *ctx, int n), void *ctx)
{
    worker_pool *p = xcalloc(1, sizeof *p);
    p->count = MAX(count, 1);
    p->w = xcalloc((size_t)p->count, sizeof(worker));
    for (int i = 0; i < p->count; i++)
        p->w[i] = (worker){0, -1, -1};
    p->job = job;
    p->ctx = ctx;
    return p;
}

/* A worker forked into place i; false (errno set) when it cannot be. */
static bool fork_worker(worker_pool *p, int i)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(sv[0]);
        close(sv[1]);
        errno = err;
        return false;
    }
    if (pid == 0) {
        /* Only its own end: a sister's socket held here would keep her
         * from seeing the run end. */
        for (int k = 0; k < p->count; k++)
            if (p->w[k].fd >= 0)
                close(p->w[k].fd);
        close(sv[0]);
        worker_main(p, sv[1], parent);
    }
    close(sv[1]);
    p->w[i] = (worker){pid, sv[0], -1};
    return true;
}

bool workers_give(worker_pool *p, int n)
{
    int at = -1;
    for (int i = 0; i < p->count && at < 0; i++)
        if (p->w[i].pid && p->w[i].job < 0)
            at = i;
    for (int i = 0; i < p->count && at < 0; i++)
        if (!p->w[i].pid) {
            if (!fork_worker(p, i))
                return false;
            at = i;
        }
    if (at < 0) {
        errno = 0;
        return false;
    }
    int32_t job = n;
    p->w[at].job = n;
    /* A worker gone since its last job is seen by workers_wait. */
    write_all(p->w[at].fd, &job, sizeof job);
    return true;
}

int workers_busy(const worker_pool *p)
{
    int n = 0;
    for (int i = 0; i < p->count; i++)
        n += p->w[i].pid && p->w[i].job >= 0;
    return n;
}

/* The place of worker i emptied: its socket closed, its process reaped. */
static int bury(worker *w)
{
    close(w->fd);
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
        ;
    *w = (worker){0, -1, -1};
    return WIFSIGNALED(st) ? WTERMSIG(st) : WIFEXITED(st) ? WEXITSTATUS(st) : 0;
}

bool workers_wait(worker_pool *p, int timeout_ms, worker_result *out)
{
    struct pollfd fds[64];
    int at[64], n = 0;
    for (int i = 0; i < p->count && n < 64; i++)
        if (p->w[i].pid && p->w[i].job >= 0) {
            fds[n] = (struct pollfd){.fd = p->w[i].fd, .events = POLLIN};
            at[n++] = i;
        }
    if (n == 0 || poll(fds, (nfds_t)n, timeout_ms) <= 0)
        return false;
    for (int k = 0; k < n; k++) {
        if (!fds[k].revents)
            continue;
        worker *w = &p->w[at[k]];
        *out = (worker_result){.job = w->job};
        result_head h;
        if (!read_all(w->fd, &h, sizeof h) || h.job != w->job) {
            out->died = true;
            out->status = bury(w);
            return true;
        }
        out->status = h.status;
        out->peak_kib = (long)h.peak_kib;
        out->log = xmalloc((size_t)h.log_len + 1);
        out->log_len = (size_t)h.log_len;
        if (!read_all(w->fd, out->log, out->log_len)) {
            out->died = true;
            out->status = bury(w);
            out->log_len = 0;
        }
        out->log[out->log_len] = 0;
        w->job = -1;
        return true;
    }
    return false;
}

void workers_stop(worker_pool *p, bool kill_them)
{
    for (int i = 0; i < p->count; i++)
        if (p->w[i].pid && kill_them)
            kill(p->w[i].pid, SIGTERM);
    for (int i = 0; i < p->count; i++)
        if (p->w[i].pid)
            bury(&p->w[i]);
    free(p->w);
    free(p);
}
