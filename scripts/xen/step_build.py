# SPDX-License-Identifier: MIT
"""Integration step: build (see the README's section on Xen)."""


def integrate(tree):
    pass
