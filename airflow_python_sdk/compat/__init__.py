"""Everything kept only so that code written for older clients runs unchanged.

For airflow-python-sdk 1.0.1 and the official ``apache-airflow-client`` 2.x:

- ``models``: model constructor forms (required fields positionally, ``_check_type``, ...);
- ``call_options``: per-call keywords of Api methods (``async_req``, ``_return_http_data_only``,
  ``_preload_content``, ``_check_input_type``, ...);
- ``api_client``: ``ApiClient.call_api``, ``sanitize_for_serialization``, ``deserialize``,
  and the ``Endpoint`` name;
- ``rest``: ``RESTClientObject`` (``GET``/``POST``/..., an overridable ``request``) and
  ``RESTResponse``;
- ``settings``: ``Configuration``'s server list, ``debug``/``logger_file``, and the settings
  that have no effect here (each warns once: ``notices``);
- ``model_utils``: the names of 1.0.1's ``model_utils``;
- ``v1_models`` (generated): 1.0.1's models the spec lost and the ``...AllOf`` parts;
- ``legacy_modules``: the import paths of those (``airflow_python_sdk.model.x_com_all_of``).

Nothing outside this package knows these forms; the runtime calls into it at the few
points where an old form arrives.
"""
