/*
 * ids_ref.h: a frozen copy of the identifier pass as it was before the
 * speed work (rules/ids.c, then idutil.c, and pnr.c, ident.c, contact.c
 * at that time, kept in tests/unit/ids_ref/), every external name
 * renamed with a ref_ prefix, for the differential test (idsdiff_test.c). Test code only.
 * It shares the compiled rule data (struct pnr_data ...) of the new code,
 * whose layout did not change.
 */
#ifndef IDS_REF_H
#define IDS_REF_H

#define ids_re_init		ref_ids_re_init
#define ids_re_fini		ref_ids_re_fini
#define ids_re_at		ref_ids_re_at
#define ids_next_run		ref_ids_next_run
#define ids_run_len		ref_ids_run_len
#define ids_runs_init		ref_ids_runs_init
#define ids_runs_fini		ref_ids_runs_fini
#define ids_scan_one		ref_ids_scan_one
#define ids_luhn		ref_ids_luhn
#define ids_is_leap		ref_ids_is_leap
#define ids_mdays		ref_ids_mdays
#define ids_ymd			ref_ids_ymd
#define ids_age			ref_ids_age
#define ids_date_ok		ref_ids_date_ok
#define ids_num			ref_ids_num
#define ids_kw_next		ref_ids_kw_next
#define ids_kw_in		ref_ids_kw_in
#define ids_kw_near		ref_ids_kw_near
#define ids_dialin		ref_ids_dialin
#define ids_emit		ref_ids_emit
#define pnr_scan		ref_pnr_scan
#define ident_scan		ref_ident_scan
#define contact_scan		ref_contact_scan
#define det_identifiers		ref_det_identifiers
#define det_pnr			ref_det_pnr
#define det_ident		ref_det_ident
#define det_contact		ref_det_contact
#define pnr_data_new		ref_pnr_data_new
#define pnr_data_free		ref_pnr_data_free
#define ident_data_new		ref_ident_data_new
#define ident_data_free		ref_ident_data_free
#define contact_data_new	ref_contact_data_new
#define contact_data_free	ref_contact_data_free

#include "rules/ids.h"
#include "rules/detect.h"
#include "rules/ruledata.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#include "ids_ref/ids.inc"
#include "ids_ref/pnr.inc"
#undef KW_WINDOW
#include "ids_ref/ident.inc"
#undef KW_WINDOW
#include "ids_ref/contact.inc"
#pragma GCC diagnostic pop

#undef ids_re_init
#undef ids_re_fini
#undef ids_re_at
#undef ids_next_run
#undef ids_run_len
#undef ids_runs_init
#undef ids_runs_fini
#undef ids_scan_one
#undef ids_luhn
#undef ids_is_leap
#undef ids_mdays
#undef ids_ymd
#undef ids_age
#undef ids_date_ok
#undef ids_num
#undef ids_kw_next
#undef ids_kw_in
#undef ids_kw_near
#undef ids_dialin
#undef ids_emit
#undef pnr_scan
#undef ident_scan
#undef contact_scan
#undef det_identifiers
#undef det_pnr
#undef det_ident
#undef det_contact
#undef pnr_data_new
#undef pnr_data_free
#undef ident_data_new
#undef ident_data_free
#undef contact_data_new
#undef contact_data_free

/* The headers were read once, under the ref_ names: the new code's
 * functions that the test calls, declared again under their own. */
detector_fn	det_pnr, det_ident, det_contact, det_identifiers;
void	ids_runs_init(struct ids_runs *, const char *, size_t);
void	ids_runs_fini(struct ids_runs *);
struct pnr_data		*pnr_data_new(const struct ruledata_paths *, char *, size_t);
void			 pnr_data_free(struct pnr_data *);
struct ident_data	*ident_data_new(const struct ruledata_paths *, char *, size_t);
void			 ident_data_free(struct ident_data *);
struct contact_data	*contact_data_new(const struct ruledata_paths *, char *, size_t);
void			 contact_data_free(struct contact_data *);

#endif
