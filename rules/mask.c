/*
 * mask.c: masking of evidence, shared by all detectors. Whatever leaves a
 * detector goes through here: digits after the first `keep` become '*',
 * names become initials. Output is always NUL-terminated and truncated
 * to the buffer.
 */
#include <string.h>
#include <glib.h>

#include "detect.h"

void
mask_digits(char *out, size_t n, const char *s, size_t len, size_t keep)
{
	size_t o = 0, digits = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < len && o + 1 < n; i++) {
		char c = s[i];

		if (g_ascii_isdigit(c)) {
			out[o++] = digits < keep ? c : '*';
			digits++;
		} else if (g_ascii_isalpha(c)) {
			out[o++] = digits < keep ? c : '*';
		} else if ((unsigned char)c < 0x80)
			out[o++] = c;
		/* non-ASCII bytes (a no-break space...) are left out */
	}
	out[o] = '\0';
}

/* "Emma Karlsson" -> "E. K."; works on UTF-8 letters. */
void
mask_initials(char *out, size_t n, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	size_t o = 0;
	bool at_start = true;

	if (n == 0)
		return;
	out[0] = '\0';
	while (p < end && *p) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		const char *next;

		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		next = g_utf8_next_char(p);
		if (g_unichar_isalpha(c)) {
			if (at_start) {
				char buf[8];
				int k = g_unichar_to_utf8(g_unichar_toupper(c), buf);

				if (o + (size_t)k + 3 >= n)
					break;
				if (o > 0)
					out[o++] = ' ';
				memcpy(out + o, buf, (size_t)k);
				o += (size_t)k;
				out[o++] = '.';
			}
			at_start = false;
		} else
			at_start = true;
		p = next;
	}
	out[o] = '\0';
}
