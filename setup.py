"""Packaging for airflow_python_sdk."""
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "airflow_python_sdk", "_runtime", "version.py"), encoding="utf-8") as f:
    VERSION = re.search(r'^VERSION = "([^"]+)"', f.read(), re.M).group(1)
with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
    LONG_DESCRIPTION = f.read()

setup(
    name="airflow_python_sdk",
    version=VERSION,
    description="Client for the Apache Airflow REST API (v1 for Airflow 2.x)",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    install_requires=["urllib3>=1.26,<3", "python-dateutil>=2.8", "certifi"],
    packages=find_packages(include=["airflow_python_sdk", "airflow_python_sdk.*"]),
    package_data={"airflow_python_sdk": ["py.typed"]},
    include_package_data=True,
    license="Apache-2.0",
    keywords=["Airflow", "REST API", "client", "SDK"],
    classifiers=[
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: Apache Software License",
        "Typing :: Typed",
    ],
)
