"""CloudFormation: intrinsics, conditions, relations, nested stacks, transforms, detection."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.errors import ScanError
from scanner.mappings import load_catalog
from scanner.model.resource import NativeResource
from scanner.model.values import UNKNOWN
from scanner.pipeline import ScanOptions, normalize_all, scan
from scanner.sources.cloudformation.decode import decode_template
from scanner.sources.cloudformation.intrinsics import Resolver, TemplateContext
from scanner.sources.load import SourceLoad, load_sources
from tests.conftest import WriteTree

NOTEBOOK = "AWS::SageMaker::NotebookInstance"

INTRINSICS = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-a, subnet-b"
  Unset:
    Type: String
  FromParameterStore:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /ml/notebook/kms-key
Mappings:
  PlatformByEnv:
    dev: {Platform: notebook-al2-v3}
    prod: {Platform: notebook-al2023-v1}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  DevInEurope: !And [!Condition IsDev, !Equals [!Ref "AWS::Region", eu-west-1]]
  DevOrProd: !Or [!Condition IsDev, !Condition IsProd]
Resources:
  Key:
    Type: AWS::KMS::Key
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: !If [IsProd, ml.m5.xlarge, ml.t3.medium]
      RoleArn: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/nb"
      KmsKeyId: !GetAtt Key.Arn
      NotebookInstanceName: !Join ["-", [ml, !Ref Env, !Select [1, !Split [",", "a,b,c"]]]]
      PlatformIdentifier: !FindInMap [PlatformByEnv, !Ref Env, Platform]
      SubnetId: !Select [0, !Ref Subnets]
      DefaultCodeRepository: !Sub
        - "https://${Host}/${!Literal}/${Env}"
        - Host: git.example.com
      LifecycleConfigName: !Ref Unset
      AcceleratorTypes: !If [DevInEurope, [ml.eia2.medium], !Ref "AWS::NoValue"]
      AdditionalCodeRepositories: [!ImportValue shared-repo, !Base64 "abc"]
      VolumeSizeInGB: !If [DevOrProd, 20, 5]
      RootAccess: !Ref FromParameterStore
      DirectInternetAccess: !Ref AWS::NoValue
  ProdOnly:
    Type: AWS::SageMaker::NotebookInstance
    Condition: IsProd
    Properties: {InstanceType: ml.t3.medium, RoleArn: r}
  EuropeOnly:
    Type: AWS::SageMaker::NotebookInstance
    Condition: DevInEurope
    Properties: {InstanceType: ml.t3.medium, RoleArn: r}
"""


def _load(root: Path, **parameters: str) -> SourceLoad:
    return load_sources([(root, "stack")], load_catalog().native_types, parameters=parameters)


def _by_id(load: SourceLoad) -> dict[str, NativeResource]:
    return {r.id: r for r in load.resources}


def test_intrinsics_parameters_and_conditions_are_resolved(write_tree: WriteTree) -> None:
    load = _load(write_tree({"notebook.yaml": INTRINSICS}))
    assert not load.errors, load.errors
    resources = _by_id(load)
    # ProdOnly's condition is false; EuropeOnly's depends on the region, unknown here.
    assert sorted(resources) == ["EuropeOnly", "Key", "Notebook"]  # Key: aws.kms.key
    notebook = resources["Notebook"]
    attributes = notebook.attributes
    assert attributes["InstanceType"] == "ml.t3.medium"
    assert attributes["RoleArn"] is UNKNOWN  # the account id is known only at deployment
    assert attributes["KmsKeyId"] is UNKNOWN
    assert attributes["NotebookInstanceName"] == "ml-dev-b"
    assert attributes["PlatformIdentifier"] == "notebook-al2-v3"
    assert attributes["SubnetId"] == "subnet-a"
    assert attributes["DefaultCodeRepository"] == "https://git.example.com/${Literal}/dev"
    assert attributes["LifecycleConfigName"] is UNKNOWN
    assert attributes["AcceleratorTypes"] is UNKNOWN  # present in one branch, absent in the other
    assert attributes["AdditionalCodeRepositories"] == [UNKNOWN, "YWJj"]
    assert attributes["VolumeSizeInGB"] == 20
    assert attributes["RootAccess"] is UNKNOWN  # read from Parameter Store at deployment
    assert "DirectInternetAccess" not in attributes  # AWS::NoValue removes the property
    assert notebook.references == {"KmsKeyId": ("Key",)}
    assert (notebook.location.source, notebook.location.file) == (
        "cloudformation",
        "stack/notebook.yaml",
    )
    assert notebook.location.line == 26
    assert notebook.scope == "stack/notebook.yaml"
    assert load.resources_read == 3  # the key and two notebooks; ProdOnly is not created


def test_user_parameters_override_defaults_and_give_pseudo_parameters(
    write_tree: WriteTree,
) -> None:
    root = write_tree({"notebook.yaml": INTRINSICS})
    load = _load(root, Env="prod", **{"AWS::Region": "us-east-1", "AWS::AccountId": "111122223333"})
    resources = _by_id(load)
    assert sorted(resources) == ["Key", "Notebook", "ProdOnly"]
    attributes = resources["Notebook"].attributes
    assert attributes["InstanceType"] == "ml.m5.xlarge"
    assert attributes["RoleArn"] == "arn:aws:iam::111122223333:role/nb"
    assert attributes["PlatformIdentifier"] == "notebook-al2023-v1"
    assert "AcceleratorTypes" not in attributes


def test_json_template_in_long_form(write_tree: WriteTree) -> None:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"Access": {"Type": "String", "Default": "Disabled"}},
        "Resources": {
            "Notebook": {
                "Type": NOTEBOOK,
                "Properties": {
                    "InstanceType": "ml.t3.medium",
                    "RoleArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::1:role/nb"},
                    "DirectInternetAccess": {"Ref": "Access"},
                    "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]},
                },
            },
            "Key": {"Type": "AWS::KMS::Key"},
        },
    }
    root = write_tree({"stack.template.json": json.dumps(template, indent=2)})
    notebook = _by_id(_load(root))["Notebook"]
    assert notebook.attributes["DirectInternetAccess"] == "Disabled"
    assert notebook.attributes["RoleArn"] == "arn:aws:iam::1:role/nb"
    assert notebook.references == {"KmsKeyId": ("Key",)}
    assert notebook.location.line == 10


SCHEDULE = """\
Resources:
  Job:
    Type: AWS::SageMaker::DataQualityJobDefinition
    Properties:
      RoleArn: r
      NetworkConfig: {EnableNetworkIsolation: true}
  Schedule:
    Type: AWS::SageMaker::MonitoringSchedule
    Properties:
      MonitoringScheduleName: daily
      MonitoringScheduleConfig:
        MonitoringJobDefinitionName: !GetAtt Job.JobDefinitionName
"""


def test_references_to_resources_become_relations(write_tree: WriteTree) -> None:
    catalog = load_catalog()
    load = _load(write_tree({"monitoring.yml": SCHEDULE}))
    normalized = normalize_all(load.resources, catalog)
    edges = {(r.source_id, r.field, r.target_id, r.scope) for r in normalized.relations}
    assert edges == {("Schedule", "job_definition_name", "Job", "stack/monitoring.yml")}
    report = scan(
        [str(write_tree({"monitoring.yml": SCHEDULE}) / "monitoring.yml")],
        ScanOptions(only_rules=("MLP-AWS-SM-032",), include_passed=True),
    )
    assert [(r.resource.id, r.status) for r in report.results] == [("Schedule", "passed")]


PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Access: {Type: String, Default: Disabled}
Resources:
  Notebooks:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./stacks/notebooks.yaml
      Parameters:
        InternetAccess: !Ref Access
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/network.yaml
"""
CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  InternetAccess: {Type: String, Default: Enabled}
Resources:
  Key:
    Type: AWS::KMS::Key
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: r
      DirectInternetAccess: !Ref InternetAccess
      KmsKeyId: !Ref Key
"""


def test_local_nested_stack_is_scanned_through_its_parent(write_tree: WriteTree) -> None:
    load = _load(write_tree({"parent.yaml": PARENT, "stacks/notebooks.yaml": CHILD}))
    assert not load.errors
    resources = _by_id(load)
    # Read once, through the parent, with the parameter the parent passes.
    assert sorted(resources) == ["Notebooks.Key", "Notebooks.Notebook"]
    notebook = resources["Notebooks.Notebook"]
    assert notebook.attributes["DirectInternetAccess"] == "Disabled"
    assert notebook.references == {"KmsKeyId": ("Notebooks.Key",)}
    assert notebook.location.file == "stack/stacks/notebooks.yaml"
    assert notebook.location.line == 7
    assert notebook.scope == "stack/parent.yaml"
    assert [(n.what, n.line) for n in load.not_scanned] == [("Remote", 11)]
    assert "remote" in load.not_scanned[0].reason


def test_nested_stack_that_includes_itself_is_an_error(write_tree: WriteTree) -> None:
    loop = """\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Again:
            Type: AWS::CloudFormation::Stack
            Properties: {TemplateURL: ./other.yaml}
          Notebook:
            Type: AWS::SageMaker::NotebookInstance
            Properties: {InstanceType: ml.t3.medium, RoleArn: r}
    """
    root = write_tree(
        {"a/one.yaml": loop.replace("other", "two"), "a/two.yaml": loop.replace("other", "one")}
    )
    load = _load(root)
    assert any("includes its own template" in e.message for e in load.errors), load.errors
    assert "Notebook" in {r.id.rsplit(".", 1)[-1] for r in load.resources}


def test_transform_is_reported_once_and_the_rest_is_scanned(write_tree: WriteTree) -> None:
    sam = """\
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Function:
            Type: AWS::Serverless::Function
            Properties: {Handler: app.handler, Runtime: python3.12, CodeUri: src/}
          Notebook:
            Type: AWS::SageMaker::NotebookInstance
            Properties: {InstanceType: ml.t3.medium, RoleArn: r}
    """
    load = _load(write_tree({"template.yaml": sam}))
    assert not load.errors
    assert [(n.what, n.line) for n in load.not_scanned] == [
        ("Transform AWS::Serverless-2016-10-31", 2)
    ]
    assert list(_by_id(load)) == ["Notebook"]


def test_documents_are_recognised_by_content(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n---\nkind: Service\n",
            "ci/pipeline.yml": "on: push\njobs:\n  deploy:\n    steps: [{run: echo AWS::Region}]\n",
            "package.json": '{"name": "x", "version": "1.0.0"}',
            "helm/values.yaml": "image: {{ .Values.image }}\n",
            "stack.template": INTRINSICS,
            "plan.json": json.dumps(
                {"format_version": "1.2", "planned_values": {"root_module": {"resources": []}}}
            ),
        }
    )
    load = _load(root)
    assert not load.errors, load.errors
    assert load.files == 2  # the template and the plan; the others are skipped quietly
    assert {r.location.file for r in load.resources} == {"stack/stack.template"}


def test_cli_parameter_option(write_tree: WriteTree) -> None:
    from click.testing import CliRunner

    from scanner.cli import main

    root = write_tree({"notebook.yaml": INTRINSICS})
    runner = CliRunner()
    done = runner.invoke(main, ["scan", str(root), "--format", "json", "--parameter", "Env=prod"])
    ids = {r["resource"]["id"] for r in json.loads(done.stdout)["results"]}
    assert "ProdOnly" in ids
    bad = runner.invoke(main, ["scan", str(root), "--parameter", "no-equals-sign"])
    assert bad.exit_code == 2
    assert "KEY=VALUE" in bad.output


_SCALARS = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none())
_NAMES = st.sampled_from(["Env", "Key", "AWS::Region", "AWS::NoValue", "IsProd", "Missing"])
_FUNCTIONS = st.sampled_from(
    [
        "Ref",
        "Fn::GetAtt",
        "Fn::Sub",
        "Fn::Join",
        "Fn::Select",
        "Fn::Split",
        "Fn::FindInMap",
        "Fn::If",
        "Fn::Base64",
        "Fn::ImportValue",
        "Fn::Equals",
        "Condition",
        "Fn::Nope",
    ]
)
_VALUES = st.recursive(
    st.one_of(_SCALARS, _NAMES),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(_FUNCTIONS, st.text(max_size=5)), inner, max_size=3),
    ),
    max_leaves=25,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_VALUES)
def test_resolver_never_raises_on_any_shape(value: object) -> None:
    context = TemplateContext(
        shown="t.yaml",
        parameters={"Env": "dev", "AWS::Region": UNKNOWN},
        mappings={"M": {"a": {"b": "c"}}},
        conditions={
            "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "Loop": {"Condition": "Loop"},
        },
        condition_lines={},
        resources=frozenset({"Key"}),
    )
    Resolver(context).resolve(value, "", {})


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_decoder_never_raises_anything_but_a_scan_error(text: str) -> None:
    try:
        decode_template(text, "t.yaml")
    except ScanError as exc:
        assert exc.error.file == "t.yaml"


def test_mapping_values_are_literals_never_evaluated() -> None:
    # A value in Mappings that looks like an intrinsic is data: evaluating it could loop.
    loop = {"Fn::FindInMap": ["M", "a", "b"]}
    context = TemplateContext("t.yaml", {}, {"M": {"a": {"b": loop}}}, {}, {}, frozenset())
    assert Resolver(context).resolve(loop, "", {}) == loop
