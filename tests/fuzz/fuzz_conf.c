/*
 * fuzz_conf.c: configuration text -> conf_load_data -> config (or a
 * "file:line: key: why" error). Seeds: conf/invite-milter.conf and the
 * configs under tests/fuzz/seeds/conf/. A loaded config must name itself
 * and carry rule data; an error must come with a message.
 */
#include <string.h>

#include "../../conf/conf.h"
#include "../../parse/parse.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct config *c;

	/* Directories named in the text are read: keep the fuzzer away
	 * from the file system beyond the embedded lists. */
	if (memmem(data, size, "_dir", 4) != NULL)
		return 0;
	err[0] = '\0';
	c = conf_load_data("fuzz.conf", (const char *)data, size, err,
	    sizeof(err));
	if (c == NULL) {
		if (err[0] == '\0')
			__builtin_trap();	/* an error must say why */
		return 0;
	}
	if (c->rules.data == NULL || strcmp(c->path, "fuzz.conf") != 0)
		__builtin_trap();
	conf_unref(c);
	return 0;
}
