"""Rules for datasets, their events and queued events: Airflow 3 calls them assets.

v1 addresses a dataset by its URI, v2 an asset by its integer id: the bridge finds the id of
a URI (``GET /assets`` with the URI as ``uri_pattern``, then the asset whose URI is exactly
it) and remembers it for the client. A URI no asset has answers v1's 404 without the
operation being sent. Answers get v1's names beside v2's (``datasets`` and ``assets``,
``dataset_id`` and ``asset_id``, ``consuming_dags`` and ``scheduled_dags``...).
"""
from __future__ import annotations

from typing import Any, Dict

import airflow_python_sdk.bridge.shapes as shapes
from airflow_python_sdk.bridge.engine import Args, Context, rule
from airflow_python_sdk.bridge.rules_resources import body_of

#: ``ctx.memo`` keys: asset ids by URI, and URIs by asset id, as the server told them
ID_BY_URI = "asset_id_by_uri"
URI_BY_ID = "asset_uri_by_id"


def learn(ctx: Context, asset_id: Any, uri: Any) -> None:
    """Remember that asset ``asset_id`` has ``uri`` (both ways)."""
    if isinstance(asset_id, int) and isinstance(uri, str):
        ctx.memo.setdefault(ID_BY_URI, {})[uri] = asset_id
        ctx.memo.setdefault(URI_BY_ID, {})[asset_id] = uri


def asset_id(ctx: Context, uri: str) -> int:
    """The id of the asset whose URI is exactly ``uri``; v1's 404 when there is none."""
    known = ctx.memo.get(ID_BY_URI, {}).get(uri)
    if known is not None:
        return int(known)
    # the pattern matches as a substring (and `%`, `_` as wildcards): read until the exact one
    for asset in ctx.every("get_assets", "assets", {"uri_pattern": uri, "only_active": False}):
        learn(ctx, asset.get("id"), asset.get("uri"))
        if asset.get("uri") == uri and asset.get("id") is not None:
            return int(asset["id"])
    raise ctx.not_found(f"The Dataset with uri: `{uri}` was not found", "Dataset not found")


def uri_of(ctx: Context, asset: Any) -> Any:
    """The URI of asset id ``asset`` (asked of the server once, then remembered)."""
    known = ctx.memo.get(URI_BY_ID, {}).get(asset)
    if known is None and isinstance(asset, int):
        found = ctx.call("get_asset", {"asset_id": asset})
        if isinstance(found, dict):
            learn(ctx, found.get("id"), found.get("uri"))
        known = ctx.memo.get(URI_BY_ID, {}).get(asset)
    return known


def datasets(answer: Any) -> Any:
    """A v2 asset collection as v1's dataset collection (``datasets`` beside ``assets``)."""
    shapes.each(answer, "assets", shapes.dataset)
    if isinstance(answer, dict):
        shapes.also(answer, "datasets", "assets")
    return answer


def dataset_events(answer: Any) -> Any:
    """A v2 asset event collection as v1's (``dataset_events`` beside ``asset_events``)."""
    shapes.each(answer, "asset_events", shapes.dataset_event)
    if isinstance(answer, dict):
        shapes.also(answer, "dataset_events", "asset_events")
    return answer


def queued_event(ctx: Context, item: Dict[str, Any], uri: Any = None) -> Dict[str, Any]:
    """A v2 queued event with v1's ``uri`` (of its asset)."""
    if "uri" not in item:
        item["uri"] = uri if uri is not None else uri_of(ctx, item.get("asset_id"))
    return item


def queued_events(ctx: Context, answer: Any, uri: Any = None) -> Any:
    """A v2 queued event collection as v1's, each event with its asset's URI."""
    shapes.each(answer, "queued_events", lambda item: queued_event(ctx, item, uri))
    return answer


# -- datasets
@rule("get_datasets", v2=["get_assets"],
      how="`/assets`, orphaned assets included as on 2.x; `datasets` beside `assets`, "
          "`consuming_dags` beside `scheduled_dags`; v1's page size (100) as `limit`, "
          "comma-separated `dag_ids` as a list")
def get_datasets(ctx: Context, args: Args) -> Any:
    values: Dict[str, Any] = {**shapes.pick(args, ("uri_pattern",)), **shapes.paging(args),
                              "only_active": False}
    if args.get("dag_ids"):
        values["dag_ids"] = [part for part in str(args["dag_ids"]).split(",") if part]
    answer = datasets(ctx.call("get_assets", values))
    for asset in answer.get("assets", []) if isinstance(answer, dict) else []:
        if isinstance(asset, dict):
            learn(ctx, asset.get("id"), asset.get("uri"))
    return answer


@rule("get_dataset", v2=["get_assets", "get_asset"],
      how="`/assets/{asset_id}` of the asset with that exact URI (found through `/assets`, "
          "then remembered); `consuming_dags` beside `scheduled_dags`")
def get_dataset(ctx: Context, args: Args) -> Any:
    return shapes.dataset(ctx.call("get_asset", {"asset_id": asset_id(ctx, args["uri"])}))


# -- dataset events
@rule("get_dataset_events", v2=["get_asset_events"],
      how="`/assets/events`, `dataset_id` sent as `asset_id`; `dataset_events` beside "
          "`asset_events`, each with `dataset_id` and `dataset_uri`; v1's page size (100) "
          "as `limit`")
def get_dataset_events(ctx: Context, args: Args) -> Any:
    values = shapes.renamed(shapes.pick(args, ("dataset_id", "source_dag_id", "source_task_id",
                                               "source_run_id", "source_map_index")),
                            {"dataset_id": "asset_id"})
    values.update(shapes.paging(args))
    return dataset_events(ctx.call("get_asset_events", values))


@rule("create_dataset_event", v2=["get_assets", "create_asset_event"],
      how="`POST /assets/events` with the `asset_id` of `dataset_uri`; the event with "
          "`dataset_id` and `dataset_uri`")
def create_dataset_event(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "create_dataset_event")
    body: Dict[str, Any] = {"asset_id": asset_id(ctx, str(sent.get("dataset_uri", "")))}
    if "extra" in sent:
        body["extra"] = sent["extra"]
    return shapes.dataset_event(ctx.call("create_asset_event", body=body))


@rule("get_upstream_dataset_events", v2=["get_upstream_asset_events"],
      how="`.../upstreamAssetEvents`; `dataset_events` beside `asset_events`, each with "
          "`dataset_id` and `dataset_uri`")
def get_upstream_dataset_events(ctx: Context, args: Args) -> Any:
    answer = ctx.call("get_upstream_asset_events", shapes.pick(args, ("dag_id", "dag_run_id")))
    return dataset_events(answer)


# -- queued events: of a DAG for one dataset, of a DAG, of a dataset
def _before(args: Args) -> Dict[str, Any]:
    return shapes.pick(args, ("before",))


@rule("get_dag_dataset_queued_event", v2=["get_assets", "get_dag_asset_queued_event"],
      how="`/dags/{dag_id}/assets/{asset_id}/queuedEvents` for the asset with that URI; the "
          "event with `uri`")
def get_dag_dataset_queued_event(ctx: Context, args: Args) -> Any:
    found = asset_id(ctx, args["uri"])
    answer = ctx.call("get_dag_asset_queued_event",
                      {"dag_id": args["dag_id"], "asset_id": found, **_before(args)})
    return queued_event(ctx, answer, args["uri"]) if isinstance(answer, dict) else answer


@rule("delete_dag_dataset_queued_event", v2=["get_assets", "delete_dag_asset_queued_event"],
      how="`DELETE /dags/{dag_id}/assets/{asset_id}/queuedEvents` for the asset with that URI")
def delete_dag_dataset_queued_event(ctx: Context, args: Args) -> Any:
    found = asset_id(ctx, args["uri"])
    ctx.call("delete_dag_asset_queued_event",
             {"dag_id": args["dag_id"], "asset_id": found, **_before(args)})
    return None


@rule("get_dag_dataset_queued_events", v2=["get_dag_asset_queued_events", "get_asset"],
      how="`/dags/{dag_id}/assets/queuedEvents`; each event with the `uri` of its asset "
          "(asked once per asset)")
def get_dag_dataset_queued_events(ctx: Context, args: Args) -> Any:
    answer = ctx.call("get_dag_asset_queued_events", {"dag_id": args["dag_id"], **_before(args)})
    if not _listed(answer):  # v2 answers an empty list, 2.x a 404
        raise ctx.not_found(f"Queue event with dag_id: `{args['dag_id']}` was not found",
                            "Queue event not found")
    return queued_events(ctx, answer)


def _listed(answer: Any) -> bool:
    return isinstance(answer, dict) and bool(answer.get("queued_events"))


@rule("delete_dag_dataset_queued_events", v2=["delete_dag_asset_queued_events"],
      how="`DELETE /dags/{dag_id}/assets/queuedEvents`")
def delete_dag_dataset_queued_events(ctx: Context, args: Args) -> Any:
    ctx.call("delete_dag_asset_queued_events", {"dag_id": args["dag_id"], **_before(args)})
    return None


@rule("get_dataset_queued_events", v2=["get_assets", "get_asset_queued_events"],
      how="`/assets/{asset_id}/queuedEvents` for the asset with that URI; each event with `uri`")
def get_dataset_queued_events(ctx: Context, args: Args) -> Any:
    found = asset_id(ctx, args["uri"])
    answer = ctx.call("get_asset_queued_events", {"asset_id": found, **_before(args)})
    if not _listed(answer):  # v2 answers an empty list, 2.x a 404
        raise ctx.not_found(f"Queue event with dataset uri: `{args['uri']}` was not found",
                            "Queue event not found")
    return queued_events(ctx, answer, args["uri"])


@rule("delete_dataset_queued_events", v2=["get_assets", "delete_asset_queued_events"],
      how="`DELETE /assets/{asset_id}/queuedEvents` for the asset with that URI")
def delete_dataset_queued_events(ctx: Context, args: Args) -> Any:
    found = asset_id(ctx, args["uri"])
    ctx.call("delete_asset_queued_events", {"asset_id": found, **_before(args)})
    return None

