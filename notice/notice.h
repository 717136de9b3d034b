/*
 * notice.h: the correction-and-notice room, for its users (the daemon,
 * invite-check, the tools and tests): which notice applies (policy.h),
 * correct -> re-parse -> re-check (recheck.h, over correct.h and
 * redact.h), the notice in two languages (render.h) and its loop-stop
 * signature (sign.h). Uses no libmilter and sends nothing: the daemon
 * submits notices (milter/submit.c).
 */
#ifndef NOTICE_H
#define NOTICE_H

#include "policy.h"
#include "recheck.h"
#include "render.h"
#include "sign.h"

#endif
