"""What the v1 surface needs beyond the Airflow 2.11.2 spec: facts about names and real servers.

Read by the generator (``tools/codegen/surfaces.py``). Field lists are facts (names and
types) read from the airflow-python-sdk 1.0.1 wheel and from the server's own marshmallow
schemas inside apache-airflow 2.11.2.
"""

# Names for the spec's unnamed (inline) schemas, as 1.0.1 named them.
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
# (schema, field, annotation). They are read-only: the server refuses them in a request body
# ({"fail_login_count": ["Unknown field."]} when a user read back is sent back).
SERVER_FIELDS = [
    # The spec calls these lists by another name than the server sends.
    ("TaskInstanceHistoryCollection", "task_instances", "List[TaskInstanceHistory]"),
    ("QueuedEventCollection", "queued_events", "List[QueuedEvent]"),
    ("UserCollectionItem", "fail_login_count", "int"),
    ("User", "fail_login_count", "int"),
    ("DAGDetail", "template_searchpath", "List[str]"),
    ("BasicDAGRun", "dag_run_id", "str"),
    # Sent but not in the spec at all.
    ("Dataset", "aliases", "List[Any]"),
    ("DatasetEvent", "id", "int"),
    ("ProviderCollection", "total_entries", "int"),
    ("TaskCollection", "total_entries", "int"),
    ("Task", "operator_name", "str"),
    ("Task", "params", "Dict[str, Any]"),
]

# Lists a real Airflow 2.11.2 sends as a map instead: (schema, field) -> (key, value) names of
# the items the field reads as. get_extra_links answers {"Link name": "https://..." or null}
# ({} when the task has none) where the spec has {"extra_links": [ExtraLink]}.
MAP_FIELDS = {
    ("ExtraLinkCollection", "extra_links"): ("name", "href"),
}

# Models airflow-python-sdk 1.0.1 had whose schema is gone from the spec:
# name -> [(field, annotation)]. Generated into airflow_python_sdk/compat/v1_models.py.
LEGACY_MODELS = {
    "ClearTaskInstance": [
        ("dry_run", "bool"), ("start_date", "str"), ("end_date", "str"),
        ("only_failed", "bool"), ("only_running", "bool"), ("include_subdags", "bool"),
        ("include_parentdag", "bool"), ("reset_dag_runs", "bool"),
    ],
    "DagStructure": [
        ("dag_id", "str"), ("timezone", "str"), ("schedule_interval", "ScheduleInterval"),
        ("catchup", "bool"), ("is_subdag", "bool"), ("fileloc", "str"), ("orientation", "str"),
        ("description", "str"), ("concurrency", "float"), ("start_date", "datetime"),
        ("dag_run_timeout", "TimeDelta"), ("doc_md", "str"), ("default_view", "str"),
        ("tags", "List[Tag]"),
    ],
    "DagStructureCollection": [("dag_structures", "List[DagStructure]")],
    "SLAMissCollection": [("sla_misses", "List[SLAMiss]")],
    "TaskCollectionAllOf": [("tasks", "List[Task]")],
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

# Fields a real Airflow 2.11.2 always sends, non-null, that the spec does not mark required:
# typed as present (``str``, not ``Optional[str]``). Every claim is checked against every
# answer the integration suite receives (test/integration/test_zz_presence.py).
# ``total_entries`` is not claimed: it is declared once, on ``CollectionInfo``, and one real
# answer (a task instance collection) came without it.
PRESENT = {
    "Action": ("name",),
    "ActionCollection": ("actions",),
    "ActionResource": ("action", "resource"),
    "BasicDAGRun": ("dag_id", "dag_run_id", "state"),
    "ClassReference": ("class_name", "module_path"),
    "Config": ("sections",),
    "ConfigOption": ("key", "value"),
    "ConfigSection": ("name", "options"),
    "ConnectionCollection": ("connections",),
    "ConnectionCollectionItem": ("connection_id", "conn_type"),
    "ConnectionTest": ("status", "message"),
    "DAG": ("dag_id",),
    "DAGCollection": ("dags",),
    "DAGRun": ("dag_id", "dag_run_id", "state", "run_type", "conf", "external_trigger"),
    "DAGRunCollection": ("dag_runs",),
    "DagScheduleDatasetReference": ("dag_id",),
    "DagStatsCollectionItem": ("dag_id", "stats"),
    "DagStatsCollectionSchema": ("dags",),
    "DagStatsStateCollectionItem": ("state", "count"),
    "DagWarningCollection": ("dag_warnings",),
    "Dataset": ("id", "uri", "consuming_dags", "producing_tasks"),
    "DatasetCollection": ("datasets",),
    "DatasetEvent": ("id", "dataset_id", "dataset_uri", "timestamp", "created_dagruns"),
    "DatasetEventCollection": ("dataset_events",),
    "EventLog": ("event_log_id", "event", "when"),
    "EventLogCollection": ("event_logs",),
    "HealthInfo": ("metadatabase", "scheduler", "triggerer", "dag_processor"),
    "ImportError": ("import_error_id", "filename", "stack_trace", "timestamp"),
    "ImportErrorCollection": ("import_errors",),
    "InlineResponse200": ("content",),
    "InlineResponse2001": ("content",),
    "MetadatabaseStatus": ("status",),
    "PluginCollection": ("plugins",),
    "PluginCollectionItem": ("name",),
    "Pool": ("name", "slots", "occupied_slots", "running_slots", "queued_slots", "open_slots",
             "scheduled_slots", "deferred_slots", "include_deferred"),
    "PoolCollection": ("pools",),
    "Provider": ("package_name", "version", "description"),
    "ProviderCollection": ("providers",),
    "QueuedEvent": ("dag_id", "uri", "created_at"),
    "QueuedEventCollection": ("queued_events",),
    "Resource": ("name",),
    "RoleCollection": ("roles",),
    "SchedulerStatus": ("status",),
    "Tag": ("name",),
    "Task": ("task_id", "class_ref", "downstream_task_ids"),
    "TaskCollection": ("tasks",),
    "TaskInstance": ("dag_id", "dag_run_id", "task_id"),
    "TaskInstanceCollection": ("task_instances",),
    "TaskInstanceDependencyCollection": ("dependencies",),
    "TaskInstanceHistory": ("dag_id", "dag_run_id", "task_id", "try_number", "map_index"),
    "TaskInstanceHistoryCollection": ("task_instances",),
    "TaskInstanceReferenceCollection": ("task_instances",),
    "TaskOutletDatasetReference": ("dag_id", "task_id"),
    "UserCollection": ("users",),
    "UserCollectionItem": ("username", "email", "first_name", "last_name", "roles"),
    "UserCollectionItemRoles": ("name",),
    "Variable": ("value",),
    "VariableCollection": ("variables",),
    "VariableCollectionItem": ("key",),
    "VersionInfo": ("version",),
    "XComCollection": ("xcom_entries",),
    "XComCollectionItem": ("key", "dag_id", "task_id", "map_index", "timestamp"),
}
