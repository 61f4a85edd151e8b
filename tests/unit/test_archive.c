/* test_archive.c — the archive's pieces that need no fonts: SHA-256, the
 * edition record, reading and renumbering a PDF. */
#include "harness.h"
#include "tests.h"

#include "base/digest.h"
#include "archive/pdfread.h"
#include "archive/record.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void test_digest_sha256_vectors(void)
{
    char hex[65];
    digest d;
    digest_init(&d);
    digest_add(&d, "abc", 3);
    digest_hex(&d, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 1000 bytes in pieces that straddle blocks. */
    digest_init(&d);
    for (int i = 0; i < 1000; i += 7)
        digest_add(&d, "aaaaaaa", (size_t)(1000 - i < 7 ? 1000 - i : 7));
    digest_hex(&d, hex);
    CHECK_STR(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
    digest_init(&d);
    digest_hex(&d, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* A file is digested as the quick digests of its 64 KiB windows and its
 * length: the same bytes give the same digest, a byte changed in the last,
 * short window or one more byte give another. */
void test_digest_file_by_windows(void)
{
    enum { WINDOW = 1 << 16, SIZE = 2 * WINDOW + 1000 };
    unsigned char *data = xmalloc(SIZE + 1);
    for (int i = 0; i <= SIZE; i++)
        data[i] = (unsigned char)(i * 7 + i / 251);
    char path[] = "/tmp/paiban-digest-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, data, SIZE) == SIZE);
    close(fd);
    char file_hex[65], expect_hex[65], hex[65];
    digest d;
    digest_init(&d);
    CHECK(digest_add_file(&d, path));
    digest_hex(&d, file_hex);
    digest_init(&d);
    unsigned char quick[16];
    for (size_t at = 0; at < SIZE; at += WINDOW) {
        digest_quick(data + at, at + WINDOW <= SIZE ? WINDOW : SIZE - at, quick);
        digest_add(&d, quick, sizeof quick);
    }
    uint64_t total = SIZE;
    digest_add(&d, &total, sizeof total);
    digest_hex(&d, expect_hex);
    CHECK_STR(file_hex, expect_hex);

    data[SIZE - 1] ^= 1;
    fd = open(path, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && write(fd, data, SIZE) == SIZE);
    close(fd);
    digest_init(&d);
    CHECK(digest_add_file(&d, path));
    digest_hex(&d, hex);
    CHECK(strcmp(hex, file_hex) != 0);

    data[SIZE - 1] ^= 1;
    fd = open(path, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && write(fd, data, SIZE + 1) == SIZE + 1);
    close(fd);
    digest_init(&d);
    CHECK(digest_add_file(&d, path));
    digest_hex(&d, hex);
    CHECK(strcmp(hex, file_hex) != 0);

    unlink(path);
    digest_init(&d);
    CHECK(!digest_add_file(&d, path));
    free(data);
}

void test_record_round_trip_with_escapes(void)
{
    edition_record r = {.year = 2018, .month = 12, .day = 28, .weekday = 5, .pdf_bytes = 1234,
                        .overset_lines = 2, .warnings = 3};
    snprintf(r.key, sizeof r.key, "%064d", 7);
    r.paper = xstrdup("嵩岳日报");
    r.issue = xstrdup("第12356期");
    *VEC_PUSH(r.pages) = (rec_page){xstrdup("A1"), xstrdup("要闻"), 1105.5, 1530.7};
    *VEC_PUSH(r.stories) = (rec_story){.id = xstrdup("a1-lead"), .headline = xstrdup("头条\t带制表符"),
                                       .byline = xstrdup("记者 \\ 某"),
                                       .first_line = xstrdup("第一行\n第二行"),
                                       .lead = xstrdup("导语\t一\n导语二"),
                                       .body = xstrdup("正文\\第一段\n正文第二段"), .characters = 1743};
    *VEC_PUSH(r.places) = (rec_place){0, 0, true, 56.75, 1344.5};
    char path[] = "/tmp/paiban-record-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    diag *d = diag_new();
    CHECK(record_write(&r, path, d));
    edition_record back;
    CHECK(record_read(path, &back));
    CHECK_STR(back.key, r.key);
    CHECK_INT(back.pdf_bytes, 1234);
    CHECK_INT(back.day, 28);
    CHECK_STR(back.issue, "第12356期");
    CHECK_INT(back.pages.n, 1);
    CHECK_STR(back.stories.v[0].headline, "头条\t带制表符");
    CHECK_STR(back.stories.v[0].byline, "记者 \\ 某");
    CHECK_STR(back.stories.v[0].first_line, "第一行\n第二行");
    CHECK_STR(back.stories.v[0].lead, "导语\t一\n导语二");
    CHECK_STR(back.stories.v[0].body, "正文\\第一段\n正文第二段");
    CHECK(back.places.v[0].continued);
    CHECK_INT(back.overset_lines, 2);
    record_free(&back);
    /* A record cut short is no record. */
    CHECK(truncate(path, 40) == 0);
    CHECK(!record_read(path, &back));
    unlink(path);
    record_free(&r);
    diag_free(d);
}

static int plus_ten(void *ctx, int n)
{
    (void)ctx;
    return n + 10;
}

void test_pdfread_table_objects_and_renumbering(void)
{
    /* A small file the way libharu writes one: indirect /Length after the stream. */
    const char *objs[] = {
        "1 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n",
        "2 0 obj\n<<\n/Type /Pages\n/Kids [ 3 0 R ]\n/Count 1\n>>\nendobj\n",
        "3 0 obj\n<<\n/Type /Page\n/Parent 2 0 R\n/Contents 4 0 R\n/Note (a \\) 9 0 R)\n>>\nendobj\n",
        "4 0 obj\n<<\n/Length 5 0 R\n>>\nstream\nq 1 0 0 1 0 0 cm Q\nendstream\nendobj\n",
        "5 0 obj\n18\nendobj\n",
    };
    char buf[2048];
    long off[6];
    int n = snprintf(buf, sizeof buf, "%%PDF-1.7\n");
    for (int i = 0; i < 5; i++) {
        off[i + 1] = n;
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%s", objs[i]);
    }
    long xref = n;
    n += snprintf(buf + n, sizeof buf - (size_t)n, "xref\n0 6\n0000000000 65535 f\r\n");
    for (int i = 1; i <= 5; i++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%010ld 00000 n\r\n", off[i]);
    n += snprintf(buf + n, sizeof buf - (size_t)n,
                  "trailer\n<<\n/Root 1 0 R\n/Size 6\n>>\nstartxref\n%ld\n%%%%EOF\n", xref);
    char path[] = "/tmp/paiban-pdfread-XXXXXX";
    int fd = mkstemp(path);
    CHECK(write(fd, buf, (size_t)n) == n);
    close(fd);
    diag *d = diag_new();
    pdf_file f;
    CHECK(pdf_file_open(&f, path, d));
    CHECK_INT(f.root, 1);
    pdf_object o;
    CHECK(pdf_file_object(&f, 4, &o, d));
    CHECK(o.is_stream);
    CHECK_INT((int)(o.data.end - o.data.start), 18);
    CHECK(pdf_file_object(&f, 3, &o, d));
    pdf_span v;
    CHECK(pdf_dict_lookup(&f, o.value, "Contents", &v));
    CHECK_INT(pdf_span_ref(&f, v), 4);
    CHECK(pdf_dict_lookup(&f, o.value, "Type", &v) && pdf_span_is_name(&f, v, "Page"));
    strbuf out = {0};
    CHECK(pdf_copy_value(&f, o.value, plus_ten, NULL, &out));
    char *text = sb_take(&out);
    /* References renumbered; a string that looks like one is left alone. */
    CHECK(strstr(text, "/Parent 12 0 R") != NULL);
    CHECK(strstr(text, "/Contents 14 0 R") != NULL);
    CHECK(strstr(text, "(a \\) 9 0 R)") != NULL);
    free(text);
    CHECK(!pdf_file_object(&f, 6, &o, d));
    pdf_file_close(&f);
    unlink(path);
    diag_free(d);
}
