/*
 * common.h: set-up shared by the harnesses: parser initialised once, the
 * built-in configuration with small limits (so the fuzzer reaches every
 * cap quickly), and the full pipeline invite -> verdict -> reports.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "../../conf/conf.h"
#include "../../parse/invite.h"
#include "../../pipeline/pipeline.h"
#include <stdint.h>

/* The shared configuration (built on first use, never freed). */
const struct config	*fuzz_config(void);
/* The rules half of the pipeline (pipeline_eval) and both reports over
 * an invite made by hand; frees inv. */
void			 fuzz_pipeline(struct invite *inv);
/* The whole pipeline (pipeline_run) and both reports over data: returns
 * invdump() of the invite it parsed (new string). */
char			*fuzz_run(enum pipeline_kind, const uint8_t *data,
			    size_t size);

#endif
