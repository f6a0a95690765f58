/* memo.h — results of repeated pure calls with big inputs, as UNO values
 * (the fill-down recipe; see memo.c). */
#ifndef SG_MEMO_H
#define SG_MEMO_H

#include "uno_c.h"

typedef struct sgu_memo sgu_memo;

sgu_memo *sgu_memo_new(void);
void sgu_memo_free(sgu_memo *memo);

/* May this call (arguments args[first..] of method) be kept? Pure
 * functions whose arguments are numbers, text, blanks or ranges of them,
 * with enough input cells to be worth it and not too many to keep. */
int sgu_memo_eligible(const sgf_function *fn, const typelib_InterfaceMethodTypeDescription *method,
                      size_t first, void *args[]);
/* A kept result for exactly these inputs into *ret (uninitialised):
 * returns 1, else 0 (*ret untouched). */
int sgu_memo_lookup(sgu_memo *memo, const sgf_function *fn, sgf_lang lang, double null_date_offset,
                    const typelib_InterfaceMethodTypeDescription *method, size_t first,
                    void *args[], uno_Any *ret);
/* Keep a successful result (shares it; the least recently used goes).
 * Only for a call the result cache found reusable (sgf_call.reusable). */
void sgu_memo_store(sgu_memo *memo, const sgf_function *fn, sgf_lang lang, double null_date_offset,
                    const typelib_InterfaceMethodTypeDescription *method, size_t first,
                    void *args[], const uno_Any *result);

#endif
