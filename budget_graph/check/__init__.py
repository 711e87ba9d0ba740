"""Checks: SHACL shapes for properties of nodes, NetworkX arithmetic for properties of sums."""
