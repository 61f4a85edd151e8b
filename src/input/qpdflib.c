/* qpdflib.c — libqpdf opened on first need (logopdf.h says why). */
#define QPDF_LIB_ITSELF
#include "input/logopdf.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#ifndef QPDF_SONAME
#define QPDF_SONAME "libqpdf.so.29"
#endif

qpdf_functions qpdf_lib;

static pthread_once_t opened = PTHREAD_ONCE_INIT;
static const char *failure;
static char failure_text[512];

static void open_once(void)
{
    void *h = dlopen(QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(failure_text, sizeof failure_text, "%s", dlerror());
        failure = failure_text;
        return;
    }
    /* POSIX's way to take a function from dlsym's void pointer. */
#define QPDF_LOOK_UP(name)                                                                         \
    if (!failure && !(*(void **)&qpdf_lib.name = dlsym(h, #name))) {                             \
        snprintf(failure_text, sizeof failure_text, "%s has no %s", QPDF_SONAME, #name);           \
        failure = failure_text;                                                                    \
    }
    QPDF_FUNCTIONS(QPDF_LOOK_UP)
#undef QPDF_LOOK_UP
}

const char *qpdf_lib_open(void)
{
    pthread_once(&opened, open_once);
    return failure;
}
