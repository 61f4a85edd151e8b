/* chars.c — character classes: a table for Chinese punctuation, ICU for the rest. */
#include "base/chars.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

typedef struct punct {
    uint32_t cp;
    char_class cls;
    unsigned kinsoku;
} punct;

/* Sorted by code point.  Sources: clreq "Tables of Chinese punctuation
 * marks" and "Prohibition rules for line start and line end"; GB/T 15834
 * §5.1.1–5.1.9.  The ellipsis may not start a line even in the basic set,
 * as UAX #14 (× IN) already has it. */
static const punct table[] = {
    {0x002F, CHAR_LATIN, NO_START_GB | NO_END_GB},          /* / solidus §5.1.9 */
    {0x00B7, CHAR_MIDDLE, NO_START_BASIC},                  /* · interpunct §5.1.7 */
    {0x2013, CHAR_CONNECTOR, NO_START_BASIC},               /* – en dash §5.1.6 */
    {0x2014, CHAR_DASH, NO_START_STRICT},                   /* — (single: see segment.c) */
    {0x2018, CHAR_OPEN, NO_END_BASIC},                      /* ‘ */
    {0x2019, CHAR_CLOSE, NO_START_BASIC},                   /* ’ */
    {0x201C, CHAR_OPEN, NO_END_BASIC},                      /* “ */
    {0x201D, CHAR_CLOSE, NO_START_BASIC},                   /* ” */
    {0x2025, CHAR_ELLIPSIS, NO_START_BASIC},                /* ‥ */
    {0x2026, CHAR_ELLIPSIS, NO_START_BASIC},                /* … §5.1.5 */
    {0x2027, CHAR_MIDDLE, NO_START_BASIC},                  /* ‧ */
    {0x203C, CHAR_EXCL, NO_START_BASIC},                    /* ‼ */
    {0x2047, CHAR_EXCL, NO_START_BASIC},                    /* ⁇ */
    {0x2048, CHAR_EXCL, NO_START_BASIC},                    /* ⁈ */
    {0x2049, CHAR_EXCL, NO_START_BASIC},                    /* ⁉ */
    {0x22EF, CHAR_ELLIPSIS, NO_START_BASIC},                /* ⋯ */
    {0x2E3A, CHAR_DASH, NO_START_STRICT},                   /* ⸺ two-em dash */
    {0x3000, CHAR_IDEO_SPACE, 0},
    {0x3001, CHAR_CLOSE, NO_START_BASIC},                   /* 、 */
    {0x3002, CHAR_CLOSE, NO_START_BASIC},                   /* 。 */
    {0x3005, CHAR_IDEO, NO_START_BASIC},                    /* 々 */
    {0x3008, CHAR_OPEN, NO_END_BASIC},                      /* 〈 */
    {0x3009, CHAR_CLOSE, NO_START_BASIC},                   /* 〉 */
    {0x300A, CHAR_OPEN, NO_END_BASIC},                      /* 《 */
    {0x300B, CHAR_CLOSE, NO_START_BASIC},                   /* 》 */
    {0x300C, CHAR_OPEN, NO_END_BASIC},                      /* 「 */
    {0x300D, CHAR_CLOSE, NO_START_BASIC},                   /* 」 */
    {0x300E, CHAR_OPEN, NO_END_BASIC},                      /* 『 */
    {0x300F, CHAR_CLOSE, NO_START_BASIC},                   /* 』 */
    {0x3010, CHAR_OPEN, NO_END_BASIC},                      /* 【 */
    {0x3011, CHAR_CLOSE, NO_START_BASIC},                   /* 】 */
    {0x3014, CHAR_OPEN, NO_END_BASIC},                      /* 〔 */
    {0x3015, CHAR_CLOSE, NO_START_BASIC},                   /* 〕 */
    {0x3016, CHAR_OPEN, NO_END_BASIC},                      /* 〖 */
    {0x3017, CHAR_CLOSE, NO_START_BASIC},                   /* 〗 */
    {0x3018, CHAR_OPEN, NO_END_BASIC},                      /* 〘 */
    {0x3019, CHAR_CLOSE, NO_START_BASIC},                   /* 〙 */
    {0x301C, CHAR_CONNECTOR, NO_START_BASIC},               /* 〜 */
    {0x301D, CHAR_OPEN, NO_END_BASIC},                      /* 〝 */
    {0x301E, CHAR_CLOSE, NO_START_BASIC},                   /* 〞 */
    {0x301F, CHAR_CLOSE, NO_START_BASIC},                   /* 〟 */
    {0x303B, CHAR_IDEO, NO_START_BASIC},                    /* 〻 */
    {0x30FB, CHAR_MIDDLE, NO_START_BASIC},                  /* ・ */
    {0x30FC, CHAR_IDEO, NO_START_BASIC},                    /* ー */
    {0xFF01, CHAR_EXCL, NO_START_BASIC},                    /* ！ §5.1.2 */
    {0xFF08, CHAR_OPEN, NO_END_BASIC},                      /* （ */
    {0xFF09, CHAR_CLOSE, NO_START_BASIC},                   /* ） */
    {0xFF0C, CHAR_CLOSE, NO_START_BASIC},                   /* ， §5.1.1 */
    {0xFF0E, CHAR_CLOSE, NO_START_BASIC},                   /* ． */
    {0xFF0F, CHAR_IDEO, NO_START_GB | NO_END_GB},           /* ／ */
    {0xFF1A, CHAR_CLOSE, NO_START_BASIC},                   /* ： */
    {0xFF1B, CHAR_CLOSE, NO_START_BASIC},                   /* ； */
    {0xFF1F, CHAR_EXCL, NO_START_BASIC},                    /* ？ */
    {0xFF3B, CHAR_OPEN, NO_END_BASIC},                      /* ［ */
    {0xFF3D, CHAR_CLOSE, NO_START_BASIC},                   /* ］ */
    {0xFF5B, CHAR_OPEN, NO_END_BASIC},                      /* ｛ */
    {0xFF5D, CHAR_CLOSE, NO_START_BASIC},                   /* ｝ */
    {0xFF5E, CHAR_CONNECTOR, NO_START_BASIC},               /* ～ §5.1.6 */
    {0xFF5F, CHAR_OPEN, NO_END_BASIC},                      /* ｟ */
    {0xFF60, CHAR_CLOSE, NO_START_BASIC},                   /* ｠ */
};

static int compare_punct(const void *key, const void *elem)
{
    uint32_t cp = *(const uint32_t *)key;
    const punct *p = elem;
    return cp < p->cp ? -1 : cp > p->cp;
}

/* Most of a Chinese text is the URO block of ideographs (一 to 鿿): none
 * is punctuation, and all are wide; they are told at once, before any
 * table or property lookup (segmentation asks three questions a
 * character). */
static bool in_unified_ideographs(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

static const punct *lookup(uint32_t cp)
{
    if (in_unified_ideographs(cp))
        return NULL;
    return bsearch(&cp, table, countof(table), sizeof table[0], compare_punct);
}

bool chars_is_wide(uint32_t cp)
{
    int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_FULLWIDTH || w == U_EA_WIDE || w == U_EA_HALFWIDTH;
}

bool chars_is_hangul(uint32_t cp)
{
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript((UChar32)cp, &err) == USCRIPT_HANGUL;
}

bool chars_is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

bool chars_is_ascii_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

bool chars_is_han(uint32_t cp)
{
    UErrorCode err = U_ZERO_ERROR;
    return cp == 0x3007 || uscript_getScript((UChar32)cp, &err) == USCRIPT_HAN;
}

char_class chars_class(uint32_t cp)
{
    if (in_unified_ideographs(cp))
        return CHAR_IDEO;
    if (cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x3000)
        return CHAR_SPACE;
    const punct *p = lookup(cp);
    if (p)
        return chars_quote(cp) ? CHAR_LATIN : p->cls;
    int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
    if (w == U_EA_FULLWIDTH || w == U_EA_WIDE)
        return CHAR_IDEO;
    return CHAR_LATIN;
}

unsigned chars_kinsoku(uint32_t cp)
{
    const punct *p = lookup(cp);
    return p ? p->kinsoku : 0;
}

int chars_quote(uint32_t cp)
{
    switch (cp) {
    case 0x201C:
    case 0x2018:
        return 1;
    case 0x201D:
    case 0x2019:
        return -1;
    default:
        return 0;
    }
}

bool chars_is_control(uint32_t cp)
{
    if (cp == '\n')
        return false;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return true;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
        return true;
    return cp == 0xFEFF || cp == 0x2028 || cp == 0x2029;
}

bool chars_is_unit_start(uint32_t cp)
{
    /* The unit and measure words a newspaper puts after numbers; the first
     * character is enough to keep "17205|万元" or "2018|年" together. */
    static const uint32_t units[] = {
        0x0025, 0x00B0, 0x2030, 0x2103, 0x4E07 /*万*/, 0x4EBF /*亿*/, 0x5343 /*千*/,
        0x767E /*百*/, 0x5143 /*元*/, 0x89D2 /*角*/, 0x500D /*倍*/, 0x5C81 /*岁*/,
        0x5E74 /*年*/, 0x6708 /*月*/, 0x65E5 /*日*/, 0x65F6 /*时*/, 0x7C73 /*米*/,
        0x5428 /*吨*/, 0x4EA9 /*亩*/, 0x514B /*克*/, 0x65A4 /*斤*/, 0x91CC /*里*/,
        0x4E2A /*个*/, 0x4EBA /*人*/, 0x6237 /*户*/, 0x540D /*名*/, 0x5BB6 /*家*/,
        0x6B21 /*次*/, 0x5929 /*天*/, 0x4F59 /*余*/, 0x591A /*多*/, 0x9879 /*项*/,
        0x6761 /*条*/, 0x4EFD /*份*/, 0x7BC7 /*篇*/, 0x5E45 /*幅*/, 0x680B /*栋*/,
        0x5957 /*套*/, 0x5B97 /*宗*/, 0x62E8 /*拨*/, 0x516C /*公(里)*/, 0x5E73 /*平(方米)*/,
        0x5206 /*分*/, 0x79D2 /*秒*/, 0x5C0F /*小(时)*/, 0x53F0 /*台*/,
        0x8F86 /*辆*/, 0x5EA7 /*座*/, 0x6240 /*所*/, 0x5F20 /*张*/, 0x5757 /*块*/,
        0x9897 /*颗*/, 0x6B3E /*款*/, 0x4EF6 /*件*/, 0x4F4D /*位*/, 0x5C42 /*层*/,
        0x5EA6 /*度*/, 0x5468 /*周*/, 0x5B63 /*季*/, 0x8F6E /*轮*/, 0x9635 /*阵*/,
        0x7EA7 /*级*/, 0xFF05 /*％*/,
    };
    for (size_t i = 0; i < countof(units); i++)
        if (units[i] == cp)
            return true;
    return false;
}

bool chars_is_byline_role(const uint32_t *cp, int n)
{
    /* The role's last word is enough: 本报记者, 特约记者, 摄影记者 end in 记者. */
    static const uint32_t roles[][3] = {
        {0x8BB0, 0x8005},         /* 记者 */
        {0x901A, 0x8BAF, 0x5458}, /* 通讯员 */
        {0x5B9E, 0x4E60, 0x751F}, /* 实习生 */
        {0x6444, 0x5F71},         /* 摄影 */
    };
    for (size_t r = 0; r < countof(roles); r++) {
        int len = roles[r][2] ? 3 : 2;
        if (n >= len && memcmp(cp + n - len, roles[r], sizeof(uint32_t) * (size_t)len) == 0)
            return true;
    }
    return false;
}

bool chars_is_byline_credit(const uint32_t *cp, int n)
{
    static const uint32_t compiled[] = {0x6574, 0x7406}; /* 整理 */
    if (n == 2 && memcmp(cp, compiled, sizeof compiled) == 0)
        return true;
    for (int i = 0; i < n; i++)
        if (cp[i] != 0x6587 /*文*/ && cp[i] != 0x56FE /*图*/ && cp[i] != 0x6444 /*摄*/ &&
            cp[i] != '/' && cp[i] != 0xFF0F)
            return false;
    return n > 0;
}
