# SPDX-License-Identifier: MIT
"""Integration step: arm (see the README's section on Xen)."""


def integrate(tree):
    pass
