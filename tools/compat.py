"""Compatibility with airflow-python-sdk 1.0.1, as data the generator reads.

Everything 1.0.1 users may have imported or called that the Airflow 2.11.2 spec no longer
names is listed here, once; the generator turns it into modules and parameters.
Field lists are facts read from the 1.0.1 wheel (names and types only).
"""

# Models 1.0.1 had whose schema is gone from the spec: name -> [(field, kind expression)].
LEGACY_MODELS = {
    "ClearTaskInstance": [
        ("dry_run", "bool"), ("start_date", "str"), ("end_date", "str"),
        ("only_failed", "bool"), ("only_running", "bool"), ("include_subdags", "bool"),
        ("include_parentdag", "bool"), ("reset_dag_runs", "bool"),
    ],
    "DagStructure": [
        ("dag_id", "str"), ("timezone", "str"), ("schedule_interval", '"ScheduleInterval"'),
        ("catchup", "bool"), ("is_subdag", "bool"), ("fileloc", "str"), ("orientation", "str"),
        ("description", "str"), ("concurrency", "float"), ("start_date", "datetime"),
        ("dag_run_timeout", '"TimeDelta"'), ("doc_md", "str"), ("default_view", "str"),
        ("tags", 'ListOf("Tag")'),
    ],
    "DagStructureCollection": [("dag_structures", 'ListOf("DagStructure")')],
    "SLAMissCollection": [("sla_misses", 'ListOf("SLAMiss")')],
    "TaskCollectionAllOf": [("tasks", 'ListOf("Task")')],
    "TaskFail": [
        ("task_id", "str"), ("dag_id", "str"), ("execution_date", "str"), ("start_date", "str"),
        ("end_date", "str"), ("duration", "int"),
    ],
}

# Other spellings of a model name: alias -> the class it names.
MODEL_ALIASES = {
    "DAGStructure": "DagStructure",
    "DAGStructureCollection": "DagStructureCollection",
}

# Names for the spec's unnamed (inline) schemas that 1.0.1 had names for.
INLINE_NAMES = {
    ("response", "get_log"): "InlineResponse200",
    ("response", "get_dag_source"): "InlineResponse2001",
    ("property", "Task", "extra_links"): "TaskExtraLinks",
}

# Body parameters 1.0.1 named differently, and the legacy models it sent there.
BODY_COMPAT = {
    "post_clear_task_instances": {"aliases": ["clear_task_instance"],
                                  "compatible": ["ClearTaskInstance"]},
}

# Fields real Airflow 2.11.2 servers send that the spec names differently or omits:
# (schema, field, kind expression). Checked against the server's own marshmallow schemas.
# Found by comparing the spec with the marshmallow schemas inside apache-airflow 2.11.2.
SERVER_FIELDS = [
    # The spec calls these lists by another name than the server sends.
    ("TaskInstanceHistoryCollection", "task_instances", 'ListOf("TaskInstanceHistory")'),
    ("QueuedEventCollection", "queued_events", 'ListOf("QueuedEvent")'),
    ("UserCollectionItem", "fail_login_count", "int"),
    ("User", "fail_login_count", "int"),
    ("DAGDetail", "template_searchpath", "ListOf(str)"),
    ("BasicDAGRun", "dag_run_id", "str"),
    # Sent but not in the spec at all.
    ("Dataset", "aliases", "list"),
    ("DatasetEvent", "id", "int"),
    ("ProviderCollection", "total_entries", "int"),
    ("TaskCollection", "total_entries", "int"),
    ("Task", "operator_name", "str"),
    ("Task", "params", "dict"),
]
