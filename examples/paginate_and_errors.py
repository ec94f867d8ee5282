"""Read a whole paginated list, and handle the errors the API answers with.

    AIRFLOW_API_HOST=... AIRFLOW_API_USERNAME=... AIRFLOW_API_PASSWORD=... \
    python examples/paginate_and_errors.py
"""
import airflow_python_sdk
from airflow_python_sdk.api.dag_api import DAGApi
from airflow_python_sdk.api.pool_api import PoolApi
from airflow_python_sdk.model.pool import Pool

config = airflow_python_sdk.Configuration.from_env()
with airflow_python_sdk.ApiClient(config) as client:
    # The server caps `limit` (100 by default) without saying so: page with offset until
    # a page comes back empty, rather than trusting the limit you asked for.
    dag_api = DAGApi(client)
    dags, offset = [], 0
    while True:
        page = dag_api.get_dags(limit=100, offset=offset, order_by="dag_id")
        if not page.dags:
            break
        dags.extend(page.dags)
        offset += len(page.dags)
    print(f"read {len(dags)} of {page.total_entries} DAGs in pages")

    # Every non-2xx answer raises a subclass of ApiException carrying the parsed problem.
    try:
        dag_api.get_dag("surely_not_a_dag")
    except airflow_python_sdk.NotFoundException as e:
        print(f"404 as expected: {e.problem.title}: {e.problem.detail}")

    pools = PoolApi(client)
    pools.post_pool(Pool(name="example_pool", slots=2))
    try:
        pools.post_pool(Pool(name="example_pool", slots=2))
    except airflow_python_sdk.ConflictException as e:
        print(f"409 as expected: {e.problem.detail}")
    except airflow_python_sdk.ApiException as e:  # any other status
        print(f"unexpected {e.status}: {e}")
    finally:
        pools.delete_pool("example_pool")

    # Bad input never reaches the server: the SDK names the parameter at fault.
    try:
        pools.get_pools(limt=5)  # type: ignore[call-arg]  # a type checker refuses it too
    except airflow_python_sdk.ApiTypeError as e:
        print(f"refused before sending: {e}")
