# SPDX-License-Identifier: MIT
"""Integration step: regc and the specs in the tree, and the rule that runs regc.

regc's sources go to xen/tools/regc/, a host program built by Xen's own
Kbuild (HOSTCC, with the flex and bison Xen's kconfig already needs), as
fixdep and symbols are. The specs go to xen/include/specs/, beside the
public/ directory their headers are written to, but outside it: public/ is
the interface other projects copy, and Xen's header checks and the
toolstack's links take every file and directory under it.

`make -C xen` then runs regc before it builds anything that includes the
headers (tools/ is the first directory the build visits). regc writes only
the headers whose content changed, and its depfile lists every spec,
include and lock it read, so a spec edit regenerates the headers and the
objects that include them, and a second make does nothing.
"""
import os
import re

# What the hypervisor build regenerates: (spec, outputs, directory under xen/).
# The toolstack's outputs are not the hypervisor build's to write; they are
# installed by the integration as they are in the project's generated/.
# Public headers and what serves every view (layout checks, register
# fields) go to include/public/; the hypervisor's own to the arch's asm/.
RULES = [
    ("arm", "public-header,layout-check,regs-header", "include/public"),
    ("arm", "accessors-xen", "arch/arm/include/asm"),
    ("x86", "public-header,layout-check", "include/public"),
    ("x86", "accessors-xen,xlat", "arch/x86/include/asm"),
]

TOOLS_MAKEFILE = "xen/tools/Makefile"
SPECS = "xen/include/specs"
REGC = "xen/tools/regc"


def project_files(project, sub, keep):
    """Relative paths of the files under PROJECT/SUB that KEEP accepts, sorted."""
    found = []
    top = os.path.join(project, sub)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), top)
            if keep(rel):
                found.append(rel)
    return found


def project_version(project):
    with open(os.path.join(project, "meson.build")) as f:
        m = re.search(r"version:\s*'([^']+)'", f.read())
    return m.group(1)


def compiler_sources(project):
    return project_files(project, "compiler",
                         lambda rel: rel.endswith((".c", ".h", ".l", ".y")) and "/" not in rel)


def objects(sources):
    objs = [os.path.splitext(s)[0] + ".o" for s in sources
            if s.endswith((".c", ".l", ".y"))]
    return sorted(set(objs)) + ["templates_embedded.o"]


def regc_makefile(sources, templates):
    objs = objects(sources)
    rules = []
    stamps = []
    for spec in sorted({r[0] for r in RULES}):
        stamp = f"{spec}.stamp"
        stamps.append(stamp)
        cmds = []
        for i, (s, emit, dest) in enumerate(r for r in RULES if r[0] == spec):
            cmds.append(f"\t$(Q)$(obj)/regc -Werror --reserved-macros $(srctree)/$(src)/xen-macros.txt --emit {emit} "
                        f"-o $(srctree)/{dest} -M $(obj)/.{spec}-{i}.d -MT $@ $(specs)/{spec}.reg")
        rules.append(
            f"$(obj)/{stamp}: $(obj)/regc $(specs)/{spec}.reg $(src)/xen-macros.txt\n"
            f"\t@echo '  REGC    {spec}.reg'\n" + "\n".join(cmds) + "\n\t$(Q)touch $@\n"
            f"-include $(wildcard $(obj)/.{spec}-*.d)\n")
    lines = [
        "# SPDX-License-Identifier: MIT",
        "# regc: Xen's public and register headers from the specs in include/specs/.",
        "# Added by regc's scripts/xen-integrate; the sources are regc's own.",
        "",
        "hostprogs-always-y += regc",
        "regc-objs := " + " ".join(objs),
        "hostprogs-y += embed",
        "",
        "# regc is C11; the scanner and parser are flex's and bison's, whose",
        "# generated code trips warnings the project does not control.",
        "HOST_EXTRACFLAGS += -std=gnu11 -I$(obj) -I$(srctree)/$(src)",
        "HOSTCFLAGS_lexer.o := -Wno-sign-compare -Wno-unused-function",
        "HOSTCFLAGS_parser.o := -Wno-unused-but-set-variable",
        "",
        "quiet_cmd_regc_flex = LEX     $@",
        "      cmd_regc_flex = $(LEX) --header-file=$(obj)/lexer.h -o $(obj)/lexer.c $<",
        "# One run writes both files: the header is made with the C file, so",
        "# that a parallel make never runs flex (or bison) twice at once.",
        "$(obj)/lexer.c: $(src)/lexer.l",
        "\t$(call cmd,regc_flex)",
        "$(obj)/lexer.h: $(obj)/lexer.c ;",
        "",
        "quiet_cmd_regc_bison = YACC    $@",
        "      cmd_regc_bison = $(YACC) -Wall -Werror --defines=$(obj)/parser.h -o $(obj)/parser.c $<",
        "$(obj)/parser.c: $(src)/parser.y",
        "\t$(call cmd,regc_bison)",
        "$(obj)/parser.h: $(obj)/parser.c ;",
        "",
        "# Any object may include the scanner's and the parser's headers (the",
        "# parser includes the scanner's, and the scanner the parser's).",
        "$(addprefix $(obj)/,$(regc-objs)): $(obj)/parser.h $(obj)/lexer.h",
        "",
        "regc-templates := " + " ".join("templates/" + t for t in templates),
        "quiet_cmd_regc_embed = EMBED   $@",
        "      cmd_regc_embed = $(obj)/embed $@ $(addprefix $(srctree)/$(src)/,$(regc-templates))",
        "$(obj)/templates_embedded.c: $(obj)/embed $(addprefix $(src)/,$(regc-templates))",
        "\t$(call cmd,regc_embed)",
        "",
        "clean-files := lexer.c lexer.h parser.c parser.h templates_embedded.c " + " ".join(stamps),
        "",
        "# The headers, rewritten only where their content changed.",
        "specs := $(srctree)/include/specs",
        "# A spec or lock that regc read last time and is gone now must not stop",
        "# make: regc runs again and says what is missing.",
        "$(specs)/%.reg $(specs)/%.lock: ;",
        "always-y += " + " ".join(stamps),
        "",
    ]
    return "\n".join(lines) + "\n".join(rules)


def integrate(tree):
    project = tree.project
    sources = compiler_sources(project)
    templates = project_files(project, "templates", lambda rel: rel.endswith(".mustache"))
    for rel in sources:
        tree.install(f"{REGC}/{rel}", os.path.join(project, "compiler", rel))
    for rel in templates:
        tree.install(f"{REGC}/templates/{rel}", os.path.join(project, "templates", rel))
    tree.install(f"{REGC}/embed.c", os.path.join(project, "templates", "embed.c"))
    # The macros of Xen's own headers, which no generated macro may redefine.
    tree.install(f"{REGC}/xen-macros.txt", os.path.join(project, "scripts", "xen", "xen-macros.txt"))
    tree.add(f"{REGC}/version.h",
               f'/* regc\'s version, as its meson.build gives it */\n'
               f'#define REGC_VERSION "{project_version(project)}"\n')
    tree.add(f"{REGC}/Makefile", regc_makefile(sources, templates))
    tree.add(f"{REGC}/.gitignore",
               "/regc\n/embed\n/lexer.[ch]\n/parser.[ch]\n/templates_embedded.c\n/*.stamp\n/.*.d\n")

    for rel in project_files(project, "specs", lambda rel: rel.endswith((".reg", ".lock"))):
        tree.install(f"{SPECS}/{rel}", os.path.join(project, "specs", rel))

    tree.splice(TOOLS_MAKEFILE,
                "hostprogs-always-y += fixdep\n",
                "hostprogs-always-y += fixdep\n"
                "\n"
                "# regc writes the headers made from include/specs/ before anything is\n"
                "# built that includes them.\n"
                "subdir-y += regc\n",
                "build regc and the headers with the host tools")
