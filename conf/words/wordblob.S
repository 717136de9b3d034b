/*
 * wordblob.S: the packed word lists (conf/words/pack-wordlists.py) as
 * read-only data of the binary: langwords_blob[], langwords_blob_end.
 * WORDBLOB is the blob's path, given by the Makefile.
 */
	.section .rodata
	.balign 16
	.globl	langwords_blob
	.hidden	langwords_blob
	.type	langwords_blob, @object
langwords_blob:
	.incbin	WORDBLOB
	.globl	langwords_blob_end
	.hidden	langwords_blob_end
langwords_blob_end:
	.byte	0
	.size	langwords_blob, . - langwords_blob
	.section .note.GNU-stack,"",@progbits
