/* SPDX-License-Identifier: MIT */
/*
 * Build tool: turns the templates (*.mustache) into a C file, so that regc runs
 * from any directory without finding its templates on disk.
 *
 * usage: embed OUTPUT.c TEMPLATE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit_file(FILE *out, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        perror(path);
        return -1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    fprintf(out, "    {\"%s\",\n     \"", base);
    size_t len = 0;
    int c;
    while ((c = fgetc(in)) != EOF) {
        len++;
        if (c == '\n') {
            fputs("\\n\"\n     \"", out);
        } else if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c == '?') {
            fputs("\\?", out); /* no trigraphs */
        } else if (c >= 0x20 && c < 0x7f) {
            fputc(c, out);
        } else {
            fprintf(out, "\\%03o", (unsigned)c);
        }
    }
    if (ferror(in)) {
        perror(path);
        fclose(in);
        return -1;
    }
    fclose(in);
    fprintf(out, "\",\n     %zu},\n", len);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: embed OUTPUT.c TEMPLATE...\n", stderr);
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fputs("/* Generated from templates/ by templates/embed.c. Do not edit. */\n"
          "#include \"templates.h\"\n\n"
          "const struct embedded_template embedded_templates[] = {\n", out);
    for (int i = 2; i < argc; i++)
        if (emit_file(out, argv[i]) != 0)
            return 1;
    fprintf(out, "};\n\nconst size_t embedded_template_count = %d;\n", argc - 2);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
