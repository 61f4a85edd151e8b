/* digest.c — SHA-256 through nettle, and what the archive hashes with it;
 * the quick digest through libxxhash. */
#include "base/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <xxhash.h>

void digest_init(digest *d) { sha256_init(&d->ctx); }

void digest_add(digest *d, const void *data, size_t len) { sha256_update(&d->ctx, len, data); }

void digest_add_str(digest *d, const char *s) { digest_add(d, s, strlen(s) + 1); }

void digest_bytes(digest *d, unsigned char out[32])
{
    sha256_digest(&d->ctx, SHA256_DIGEST_SIZE, out);
}

void digest_hex(digest *d, char out[65])
{
    unsigned char b[32];
    digest_bytes(d, b);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

bool digest_add_file(digest *d, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    /* Each full buffer's quick digest, not its bytes: the archive's keys
     * cover every file of every edition (a year's photos are tens of
     * megabytes), and what they guard against is change, not an
     * adversary.  A buffer is filled before it is digested, so the result
     * does not depend on how read() splits the file. */
    enum { WINDOW = 1 << 16 };
    unsigned char *buf = xmalloc(WINDOW), quick[16];
    size_t have = 0;
    uint64_t total = 0;
    ssize_t n = 0;
    for (;;) {
        n = read(fd, buf + have, WINDOW - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n > 0)
            have += (size_t)n;
        if (have == WINDOW || (n <= 0 && have > 0)) {
            digest_quick(buf, have, quick);
            digest_add(d, quick, sizeof quick);
            total += have;
            have = 0;
        }
        if (n <= 0)
            break;
    }
    digest_add(d, &total, sizeof total);
    free(buf);
    close(fd);
    return n == 0;
}

void digest_quick(const void *data, size_t len, unsigned char out[16])
{
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
    memcpy(out, c.digest, 16);
}
