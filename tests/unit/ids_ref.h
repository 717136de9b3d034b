/*
 * ids_ref.h: a frozen copy of the identifier pass as it was before the
 * speed work (rules/idutil.c, pnr.c, ident.c, contact.c at that time,
 * kept in tests/unit/ids_ref/), every external name renamed with a ref_
 * prefix, for the differential test (idsdiff_test.c). Test code only.
 * It shares the compiled rule data (struct pnr_data ...) of the new code,
 * whose layout did not change.
 */
#ifndef IDS_REF_H
#define IDS_REF_H

#define idu_re_init		ref_idu_re_init
#define idu_re_fini		ref_idu_re_fini
#define idu_re_at		ref_idu_re_at
#define idu_next_run		ref_idu_next_run
#define idu_run_len		ref_idu_run_len
#define idu_runs_init		ref_idu_runs_init
#define idu_runs_fini		ref_idu_runs_fini
#define idu_scan_one		ref_idu_scan_one
#define idu_luhn		ref_idu_luhn
#define idu_is_leap		ref_idu_is_leap
#define idu_mdays		ref_idu_mdays
#define idu_ymd			ref_idu_ymd
#define idu_age			ref_idu_age
#define idu_date_ok		ref_idu_date_ok
#define idu_num			ref_idu_num
#define idu_kw_next		ref_idu_kw_next
#define idu_kw_in		ref_idu_kw_in
#define idu_kw_near		ref_idu_kw_near
#define idu_dialin		ref_idu_dialin
#define idu_emit		ref_idu_emit
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

#include "rules/idutil.h"
#include "rules/detect.h"
#include "rules/ruledata.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#include "ids_ref/idutil.inc"
#include "ids_ref/pnr.inc"
#undef KW_WINDOW
#include "ids_ref/ident.inc"
#undef KW_WINDOW
#include "ids_ref/contact.inc"
#pragma GCC diagnostic pop

#undef idu_re_init
#undef idu_re_fini
#undef idu_re_at
#undef idu_next_run
#undef idu_run_len
#undef idu_runs_init
#undef idu_runs_fini
#undef idu_scan_one
#undef idu_luhn
#undef idu_is_leap
#undef idu_mdays
#undef idu_ymd
#undef idu_age
#undef idu_date_ok
#undef idu_num
#undef idu_kw_next
#undef idu_kw_in
#undef idu_kw_near
#undef idu_dialin
#undef idu_emit
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
void	idu_runs_init(struct idu_runs *, const char *, size_t);
void	idu_runs_fini(struct idu_runs *);
struct pnr_data		*pnr_data_new(const struct ruledata_paths *, char *, size_t);
void			 pnr_data_free(struct pnr_data *);
struct ident_data	*ident_data_new(const struct ruledata_paths *, char *, size_t);
void			 ident_data_free(struct ident_data *);
struct contact_data	*contact_data_new(const struct ruledata_paths *, char *, size_t);
void			 contact_data_free(struct contact_data *);

#endif
