/*
 * common.h: set-up shared by the harnesses: parser initialised once, the
 * built-in configuration with small limits (so the fuzzer reaches every
 * cap quickly), and the full pipeline invite -> verdict -> reports.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "../../conf/conf.h"
#include "../../parse/invite.h"

/* The shared configuration (built on first use, never freed). */
const struct config	*fuzz_config(void);
/* rules_eval and both reports over inv; frees inv. */
void			 fuzz_pipeline(struct invite *inv);

#endif
