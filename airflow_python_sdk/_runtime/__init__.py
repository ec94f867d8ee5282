"""The runtime every generated surface stands on. It imports no generated module: a surface
registers what the runtime needs (``surface``). See docs/architecture.md for the layers.

Models: ``fields`` (declaring a field), ``declare`` (the metaclass and schema bases),
``kinds`` (types read from annotations), ``surface`` (finding models by name), ``model``
(what a model does), ``checking`` (the caller's input), ``encoding`` (to_dict, JSON, request
bodies), ``decoding`` (the reference decoder), ``fast_decoding`` (the compiled decoder),
``timestamps``, ``display`` (repr, notebook HTML).

Requests: ``operation`` (records), ``request`` (building one), ``auth``, ``redirects``,
``retries``, ``exchange`` (one logged exchange), ``transport`` and ``urllib3_transport``,
``answers`` (what an answer means), ``client`` (``ApiClient``: the layers put together),
``api`` (the base of the Api classes), ``config`` (``Configuration``).

Helpers: ``paging`` (``paginate``), ``errors`` (every exception), ``lazy`` (index modules),
``toolkit`` (what generated code imports), ``version``.
"""
