"""The derive stage: a filing's document model turned into the identities it must satisfy.

Between the model and the checks: the roll-up trees (NetworkX), the identities within one table (its
column groups, its year rows, the two sides of a summary table) and the alignments of the lines of two
tables each state what the filing must satisfy as `Identity` records (identity.py: rule, total, signed
parts, =, ≤ or ≈, what is compared; those of a few forms declared as data in the YAML files beside
them). The check stage evaluates them (check/evaluator.py owns the rounding
rule and the severity policy) and words its findings; what is not an identity stays in the checks.
"""
