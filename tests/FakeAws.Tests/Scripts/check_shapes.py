"""Calls the fake with Debian's python3-botocore and checks every raw response body against the botocore model.

Usage: python3 check_shapes.py PLAN.json  (PLAN: {"endpoint", "accessKeyId", "secret", "calls": [{service, region, operation, params}]})
Prints one JSON object per call: {"service", "operation", "ok", "error", "problems": [...]}.
Unknown members, wrong nesting and wrong scalar encodings are problems; enums are not checked (old models lag).
"""
import datetime
import json
import sys
import urllib.parse
import xml.etree.ElementTree as ET

import botocore.config
import botocore.session

# Members newer than the Debian botocore 1.29 models (AWS added them later); the fake serves them deliberately.
NEWER_THAN_MODEL = {
    ("s3", "ListBuckets", "Buckets/Bucket/BucketRegion"),
    ("s3", "ListBuckets", "ContinuationToken"),
    ("s3", "ListBuckets", "Prefix"),
    ("config", "DescribeConfigurationRecorders", "ConfigurationRecorders/recordingGroup/recordingStrategy"),
    ("guardduty", "GetDetector", "features"),
}


def local(tag):
    return tag.split("}", 1)[-1]


def check_scalar(shape, text, path, problems, protocol, is_json):
    t = shape.type_name
    if t == "boolean":
        if (is_json and not isinstance(text, bool)) or (not is_json and text not in ("true", "false")):
            problems.append(f"{path}: not a boolean: {text!r}")
    elif t in ("integer", "long"):
        try:
            if is_json and (isinstance(text, bool) or not isinstance(text, int)):
                raise ValueError
            int(text)
        except (TypeError, ValueError):
            problems.append(f"{path}: not an integer: {text!r}")
    elif t in ("double", "float"):
        try:
            float(text)
        except (TypeError, ValueError):
            problems.append(f"{path}: not a number: {text!r}")
    elif t == "timestamp":
        fmt = shape.serialization.get("timestampFormat") or ("unixTimestamp" if is_json else "iso8601")
        if fmt == "unixTimestamp":
            if isinstance(text, bool) or not isinstance(text, (int, float)):
                problems.append(f"{path}: timestamp should be epoch seconds: {text!r}")
        else:
            try:
                datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
            except ValueError:
                problems.append(f"{path}: timestamp should be ISO 8601: {text!r}")
    elif t in ("string", "blob") and is_json and not isinstance(text, str):
        problems.append(f"{path}: not a string: {text!r}")


def xml_name(name, member):
    return member.serialization.get("name", name)


def walk_xml(elem, shape, path, problems, protocol):
    t = shape.type_name
    if t == "structure":
        names = {}
        for n, m in shape.members.items():
            if m.serialization.get("location") is not None:
                continue
            if m.type_name == "list" and m.serialization.get("flattened"):
                # Flattened list: items repeat directly in the parent, named after the list member.
                item_name = m.member.serialization.get("name") or m.serialization.get("name", n)
                names[item_name] = (n, m.member)
            else:
                names[xml_name(n, m)] = (n, m)
        for child in elem:
            tag = local(child.tag)
            if tag not in names:
                problems.append(f"{path}/{tag}: unknown member")
                continue
            name, member = names[tag]
            walk_xml(child, member, f"{path}/{name}" if path else name, problems, protocol)
    elif t == "list":
        member = shape.member
        item = member.serialization.get("name", "member")
        for child in elem:
            if local(child.tag) != item:
                problems.append(f"{path}/{local(child.tag)}: list item should be <{item}>")
            walk_xml(child, member, path + "/" + item, problems, protocol)
    elif t == "map":
        for entry in elem:
            for part in entry:
                p = local(part.tag)
                if p == "value":
                    walk_xml(part, shape.value, path + "/value", problems, protocol)
                elif p != "key":
                    problems.append(f"{path}/entry/{p}: unknown map part")
    else:
        if len(elem):
            problems.append(f"{path}: scalar has children")
        check_scalar(shape, elem.text or "", path, problems, protocol, False)


def walk_json(value, shape, path, problems):
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object")
            return
        names = {m.serialization.get("name", n): (n, m) for n, m in shape.members.items() if m.serialization.get("location") is None}
        for key, v in value.items():
            if key not in names:
                problems.append(f"{path + '/' if path else ''}{key}: unknown member")
                continue
            name, member = names[key]
            walk_json(v, member, f"{path}/{key}" if path else key, problems)
    elif t == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected an array")
            return
        for v in value:
            walk_json(v, shape.member, path, problems)
    elif t == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object (map)")
            return
        for v in value.values():
            walk_json(v, shape.value, path + "/*", problems)
    else:
        check_scalar(shape, value, path, problems, "json", True)


def check(service, op_model, body, problems):
    protocol = op_model.metadata["protocol"]
    output = op_model.output_shape
    if output is None:
        return
    if protocol in ("json", "rest-json"):
        payload = output.serialization.get("payload")
        if payload:
            return
        walk_json(json.loads(body) if body.strip() else {}, output, "", problems)
        return
    if protocol == "rest-xml":
        payload = output.serialization.get("payload")
        if payload and output.members[payload].type_name != "structure":
            return
        if not body.strip() or op_model.name == "GetBucketLocation":
            return
    root = ET.fromstring(body)
    if protocol == "query":
        wrapper = op_model.output_shape.serialization.get("resultWrapper")
        if local(root.tag) != op_model.name + "Response":
            problems.append(f"root is <{local(root.tag)}>")
        for child in root:
            tag = local(child.tag)
            if tag == "ResponseMetadata":
                continue
            if tag != wrapper:
                problems.append(f"unexpected <{tag}> beside <{wrapper}>")
                continue
            walk_xml(child, output, "", problems, protocol)
    elif protocol == "ec2":
        for child in root:
            if local(child.tag) == "requestId":
                continue
            wrapper = ET.Element("x")
            wrapper.append(child)
            walk_xml(wrapper, output, "", problems, protocol)
    else:  # rest-xml
        payload = output.serialization.get("payload")
        if payload:
            member = output.members[payload]
            if member.type_name != "structure":
                return
            walk_xml(root, member, payload, problems, protocol)
        elif op_model.name == "GetBucketLocation":
            return
        else:
            walk_xml(root, output, "", problems, protocol)


def main():
    plan = json.load(open(sys.argv[1]))
    session = botocore.session.get_session()
    config = botocore.config.Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
    endpoint_netloc = urllib.parse.urlsplit(plan["endpoint"]).netloc

    def to_fake(request=None, **_):
        # S3 Control prefixes the account id to the host ("123.127.0.0.1"); keep the signed Host, send to the fake.
        parts = urllib.parse.urlsplit(request.url)
        if parts.netloc != endpoint_netloc:
            request.headers["Host"] = parts.netloc
            request.url = urllib.parse.urlunsplit(parts._replace(netloc=endpoint_netloc))

    for call in plan["calls"]:
        client = session.create_client(
            call["service"], region_name=call["region"], endpoint_url=plan["endpoint"],
            aws_access_key_id=plan["accessKeyId"], aws_secret_access_key=plan["secret"], config=config)
        captured = {}

        def after_call(http_response=None, model=None, **_):
            captured["body"] = http_response.content if http_response is not None else b""
            captured["model"] = model

        client.meta.events.register("after-call.*.*", after_call)
        client.meta.events.register("before-send.*.*", to_fake)
        result = {"service": call["service"], "operation": call["operation"], "ok": True, "error": None, "problems": []}
        if call["operation"] not in client.meta.service_model.operation_names:
            result.update(ok=False, error="not in the Debian botocore model")
            print(json.dumps(result))
            continue
        if "body" in call:
            # Offline check of a given body (the checker's own negative controls).
            problems = []
            try:
                check(call["service"], client.meta.service_model.operation_model(call["operation"]), call["body"].encode(), problems)
            except Exception as e:  # noqa: BLE001
                problems.append(f"unparseable body: {e}")
            result["problems"] = problems
            print(json.dumps(result))
            continue
        try:
            client._make_api_call(call["operation"], call.get("params", {}))
        except Exception as e:  # noqa: BLE001 - any failure is reported, not raised
            result.update(ok=False, error=f"{type(e).__name__}: {e}")
        if "body" in captured and result["ok"]:
            problems = []
            try:
                check(call["service"], captured["model"], captured["body"], problems)
            except Exception as e:  # noqa: BLE001
                problems.append(f"unparseable body: {e}")
            result["problems"] = [p for p in problems if (call["service"], call["operation"], p.split(":")[0]) not in NEWER_THAN_MODEL]
        print(json.dumps(result))


if __name__ == "__main__":
    main()
