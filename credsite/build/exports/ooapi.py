"""The Open Education API (OOAPI) v5 as static files: the service's metadata, the published
modules as courses, each course on its own and each course's offerings.

A static host answers a path with a file, so each OOAPI path is a file named after it with
``.json`` added (docs/ooapi.md, which also lists the rewrite rules that serve the bare paths):

  GET /                            ooapi/v5/index.json
  GET /courses                     ooapi/v5/courses.json
  GET /courses/{courseId}          ooapi/v5/courses/{courseId}.json
  GET /courses/{courseId}/offerings  ooapi/v5/courses/{courseId}/offerings.json

Query parameters cannot change a file, so each collection is one page holding every item
(``catalogue/ooapi.page``). The objects are made by ``credsite.catalogue.ooapi``.
"""

from __future__ import annotations

from credsite.build.exports.export import Export
from credsite.build.output import Output
from credsite.build.planning import PlanContext
from credsite.catalogue import ooapi

ROOT = "ooapi/v5/"


def service_path() -> str:
    return f"{ROOT}index.json"


def courses_path() -> str:
    return f"{ROOT}courses.json"


def course_path(course_id: str) -> str:
    return f"{ROOT}courses/{course_id}.json"


def offerings_path(course_id: str) -> str:
    return f"{ROOT}courses/{course_id}/offerings.json"


def plan(context: PlanContext) -> list[Output]:
    site = context.site
    outputs = []
    if (service := ooapi.service(site)) is not None:
        outputs.append(Output(service_path(), "json", service))
    modules = sorted(context.modules, key=lambda m: ooapi.sort_key(site, m))
    courses = [ooapi.course(module, site) for module in modules]
    outputs.append(Output(courses_path(), "json", ooapi.page(courses)))
    for module, course in zip(modules, courses, strict=True):
        course_id = course["courseId"]
        outputs.append(Output(course_path(course_id), "json", course))
        offerings = ooapi.page(ooapi.course_offerings(module, site))
        outputs.append(Output(offerings_path(course_id), "json", offerings))
    return outputs


EXPORT = Export("ooapi", plan)
