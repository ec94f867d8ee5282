"""The generator's parts: ``ir`` (the typed intermediate form), ``openapi`` (reading a spec into
it), ``python`` (emitting the surface's modules), ``docs`` (emitting its reference pages),
``surfaces`` (what differs between v1 and v2: paths, names, facts about real servers)."""
