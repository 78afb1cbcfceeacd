# Generated from the field rules (policytrack.model.rules) by policytrack.storage.buildgen;
# do not edit. Regenerate: POLICYTRACK_REGENERATE=1 pytest tests/storage/test_buildgen.py
"""The fast builder's constructors, one per record class, generated from the field rules.

Each ``_name()`` reads the values its checks use from the class's rules and fields and returns
the class's binder: a function that binds the constructor to one load's ``Builder``. See
:mod:`policytrack.storage.buildgen`, which writes this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from policytrack.model.dates import UncertainDate
from policytrack.model.records import (
    Agency,
    Claim,
    Evidence,
    Link,
    Measure,
    Outcome,
    Platform,
    Policy,
    Quantity,
    Source,
)
from policytrack.model.rules import relations_of, rules_of
from policytrack.storage.buildbase import (
    Binder,
    Refused,
    data_default,
    is_unicode as unicode,
    match_id,
    matcher,
    members,
    refuse,
    setter,
    test_of,
)

new = object.__new__


def _uncertain_date() -> Binder:
    cls = UncertainDate
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    default_basis = data_default(fields['basis'])
    default_reason = data_default(fields['reason'])
    test_edtf = test_of(rules['edtf'])
    members_basis = members(rules['basis'])
    relation_0 = relations[0].test
    set_edtf = setter(cls, 'edtf')
    set_basis = setter(cls, 'basis')
    set_reason = setter(cls, 'reason')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        cache: dict[Any, Any] = {}
        alone: dict[Any, Any] = {}

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 1:
                hit = alone.get(data['edtf'])
                if hit is not None:
                    return hit
            if len(data) != 1 and not data.keys() <= KEYS:
                raise Refused
            v_edtf = data['edtf']
            v_basis = data.get('basis', default_basis)
            v_reason = data.get('reason', default_reason)
            key = (v_edtf, v_basis, v_reason,)
            hit = cache.get(key)
            if hit is not None:
                return hit
            if type(v_edtf) is not str or not (v_edtf.isascii() or unicode(v_edtf)):
                raise Refused
            test_edtf(v_edtf)
            v_basis = members_basis[v_basis]
            if v_reason is not None:
                if type(v_reason) is not str or not (v_reason.isascii() or unicode(v_reason)):
                    raise Refused
            if relation_0(v_basis, v_reason) is not None:
                raise Refused
            self = new(cls)
            set_edtf(self, v_edtf)
            set_basis(self, v_basis)
            set_reason(self, v_reason)
            cache[key] = self
            if len(data) == 1:
                alone[v_edtf] = self
            return self
        return build
    return bind


def _source() -> Binder:
    cls = Source
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_published = rules['published'].of
    class_covers = rules['covers'].of
    bare_language = fields['language'].default
    bare_author = fields['author'].default
    bare_url = fields['url'].default
    bare_notes = fields['notes'].default
    bare_covers = fields['covers'].default
    members_reliability = members(rules['reliability'])
    match_sha256 = matcher(rules['sha256'])
    default_language = data_default(fields['language'])
    default_author = data_default(fields['author'])
    default_url = data_default(fields['url'])
    default_notes = data_default(fields['notes'])
    default_covers = data_default(fields['covers'])
    match_language = matcher(rules['language'])
    set_id = setter(cls, 'id')
    set_title = setter(cls, 'title')
    set_outlet = setter(cls, 'outlet')
    set_published = setter(cls, 'published')
    set_reliability = setter(cls, 'reliability')
    set_sha256 = setter(cls, 'sha256')
    set_length = setter(cls, 'length')
    set_language = setter(cls, 'language')
    set_author = setter(cls, 'author')
    set_url = setter(cls, 'url')
    set_notes = setter(cls, 'notes')
    set_covers = setter(cls, 'covers')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_published = builder.built[class_published]
        build_covers = builder.built[class_covers]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 7:
                v_id = data['id']
                v_title = data['title']
                v_outlet = data['outlet']
                v_published = data['published']
                v_reliability = data['reliability']
                v_sha256 = data['sha256']
                v_length = data['length']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                if type(v_title) is not str or not v_title or v_title.isspace() or not (v_title.isascii() or unicode(v_title)):
                    raise Refused
                if type(v_outlet) is not str or not v_outlet or v_outlet.isspace() or not (v_outlet.isascii() or unicode(v_outlet)):
                    raise Refused
                v_published = build_published(v_published)
                v_reliability = members_reliability[v_reliability]
                if type(v_sha256) is not str or match_sha256(v_sha256) is None or not (v_sha256.isascii() or unicode(v_sha256)):
                    raise Refused
                if type(v_length) is not int or v_length < 0:
                    raise Refused
                self = new(cls)
                set_id(self, v_id)
                set_title(self, v_title)
                set_outlet(self, v_outlet)
                set_published(self, v_published)
                set_reliability(self, v_reliability)
                set_sha256(self, v_sha256)
                set_length(self, v_length)
                set_language(self, bare_language)
                set_author(self, bare_author)
                set_url(self, bare_url)
                set_notes(self, bare_notes)
                set_covers(self, bare_covers)
                return self
            if len(data) != 7 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_title = data['title']
            v_outlet = data['outlet']
            v_published = data['published']
            v_reliability = data['reliability']
            v_sha256 = data['sha256']
            v_length = data['length']
            v_language = data.get('language', default_language)
            v_author = data.get('author', default_author)
            v_url = data.get('url', default_url)
            v_notes = data.get('notes', default_notes)
            v_covers = data.get('covers', default_covers)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            if type(v_title) is not str or not v_title or v_title.isspace() or not (v_title.isascii() or unicode(v_title)):
                raise Refused
            if type(v_outlet) is not str or not v_outlet or v_outlet.isspace() or not (v_outlet.isascii() or unicode(v_outlet)):
                raise Refused
            v_published = build_published(v_published)
            v_reliability = members_reliability[v_reliability]
            if type(v_sha256) is not str or match_sha256(v_sha256) is None or not (v_sha256.isascii() or unicode(v_sha256)):
                raise Refused
            if type(v_length) is not int or v_length < 0:
                raise Refused
            if type(v_language) is not str or match_language(v_language) is None or not (v_language.isascii() or unicode(v_language)):
                raise Refused
            if v_author is not None:
                if type(v_author) is not str or not v_author or v_author.isspace() or not (v_author.isascii() or unicode(v_author)):
                    raise Refused
            if v_url is not None:
                if type(v_url) is not str or not v_url or v_url.isspace() or not (v_url.isascii() or unicode(v_url)):
                    raise Refused
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            if v_covers is not None:
                v_covers = build_covers(v_covers)
            self = new(cls)
            set_id(self, v_id)
            set_title(self, v_title)
            set_outlet(self, v_outlet)
            set_published(self, v_published)
            set_reliability(self, v_reliability)
            set_sha256(self, v_sha256)
            set_length(self, v_length)
            set_language(self, v_language)
            set_author(self, v_author)
            set_url(self, v_url)
            set_notes(self, v_notes)
            set_covers(self, v_covers)
            return self
        return build
    return bind


def _evidence() -> Binder:
    cls = Evidence
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    bare_prefix = fields['prefix'].default
    bare_suffix = fields['suffix'].default
    bare_fragment = fields['fragment'].default
    default_prefix = data_default(fields['prefix'])
    default_suffix = data_default(fields['suffix'])
    default_fragment = data_default(fields['fragment'])
    match_fragment = matcher(rules['fragment'])
    test_fragment = test_of(rules['fragment'])
    relation_0 = relations[0].test
    set_source = setter(cls, 'source')
    set_exact = setter(cls, 'exact')
    set_start = setter(cls, 'start')
    set_end = setter(cls, 'end')
    set_prefix = setter(cls, 'prefix')
    set_suffix = setter(cls, 'suffix')
    set_fragment = setter(cls, 'fragment')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 4:
                v_source = data['source']
                v_exact = data['exact']
                v_start = data['start']
                v_end = data['end']
                v_source = (ids.get(v_source) or (refuse() if type(v_source) is not str or match_id(v_source) is None else ids.setdefault(v_source, v_source)))
                if type(v_exact) is not str or not v_exact or v_exact.isspace() or not (v_exact.isascii() or unicode(v_exact)):
                    raise Refused
                if type(v_start) is not int or v_start < 0:
                    raise Refused
                if type(v_end) is not int:
                    raise Refused
                if relation_0(v_start, v_end, v_exact) is not None:
                    raise Refused
                self = new(cls)
                set_source(self, v_source)
                set_exact(self, v_exact)
                set_start(self, v_start)
                set_end(self, v_end)
                set_prefix(self, bare_prefix)
                set_suffix(self, bare_suffix)
                set_fragment(self, bare_fragment)
                return self
            if len(data) != 4 and not data.keys() <= KEYS:
                raise Refused
            v_source = data['source']
            v_exact = data['exact']
            v_start = data['start']
            v_end = data['end']
            v_prefix = data.get('prefix', default_prefix)
            v_suffix = data.get('suffix', default_suffix)
            v_fragment = data.get('fragment', default_fragment)
            v_source = (ids.get(v_source) or (refuse() if type(v_source) is not str or match_id(v_source) is None else ids.setdefault(v_source, v_source)))
            if type(v_exact) is not str or not v_exact or v_exact.isspace() or not (v_exact.isascii() or unicode(v_exact)):
                raise Refused
            if type(v_start) is not int or v_start < 0:
                raise Refused
            if type(v_end) is not int:
                raise Refused
            if type(v_prefix) is not str or not (v_prefix.isascii() or unicode(v_prefix)):
                raise Refused
            if type(v_suffix) is not str or not (v_suffix.isascii() or unicode(v_suffix)):
                raise Refused
            if v_fragment is not None:
                if type(v_fragment) is not str or match_fragment(v_fragment) is None or not (v_fragment.isascii() or unicode(v_fragment)):
                    raise Refused
                test_fragment(v_fragment)
            if relation_0(v_start, v_end, v_exact) is not None:
                raise Refused
            self = new(cls)
            set_source(self, v_source)
            set_exact(self, v_exact)
            set_start(self, v_start)
            set_end(self, v_end)
            set_prefix(self, v_prefix)
            set_suffix(self, v_suffix)
            set_fragment(self, v_fragment)
            return self
        return build
    return bind


def _agency() -> Binder:
    cls = Agency
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_evidence = rules['evidence'].of
    bare_aliases = fields['aliases'].default
    bare_parent = fields['parent'].default
    bare_notes = fields['notes'].default
    members_kind = members(rules['kind'])
    default_aliases = data_default(fields['aliases'])
    default_parent = data_default(fields['parent'])
    default_notes = data_default(fields['notes'])
    set_id = setter(cls, 'id')
    set_name = setter(cls, 'name')
    set_kind = setter(cls, 'kind')
    set_jurisdiction = setter(cls, 'jurisdiction')
    set_evidence = setter(cls, 'evidence')
    set_aliases = setter(cls, 'aliases')
    set_parent = setter(cls, 'parent')
    set_notes = setter(cls, 'notes')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_evidence = builder.built[class_evidence]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 5:
                v_id = data['id']
                v_name = data['name']
                v_kind = data['kind']
                v_jurisdiction = data['jurisdiction']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                if type(v_name) is not str or not v_name or v_name.isspace() or not (v_name.isascii() or unicode(v_name)):
                    raise Refused
                v_kind = members_kind[v_kind]
                v_jurisdiction = codes[v_jurisdiction]
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_name(self, v_name)
                set_kind(self, v_kind)
                set_jurisdiction(self, v_jurisdiction)
                set_evidence(self, v_evidence)
                set_aliases(self, bare_aliases)
                set_parent(self, bare_parent)
                set_notes(self, bare_notes)
                return self
            if len(data) != 5 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_name = data['name']
            v_kind = data['kind']
            v_jurisdiction = data['jurisdiction']
            v_evidence = data['evidence']
            v_aliases = data.get('aliases', default_aliases)
            v_parent = data.get('parent', default_parent)
            v_notes = data.get('notes', default_notes)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            if type(v_name) is not str or not v_name or v_name.isspace() or not (v_name.isascii() or unicode(v_name)):
                raise Refused
            v_kind = members_kind[v_kind]
            v_jurisdiction = codes[v_jurisdiction]
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if type(v_aliases) is not list and type(v_aliases) is not tuple:
                raise Refused
            for item in v_aliases:
                if type(item) is not str or not item or item.isspace() or not (item.isascii() or unicode(item)):
                    raise Refused
            v_aliases = tuple(v_aliases)
            if v_parent is not None:
                v_parent = (ids.get(v_parent) or (refuse() if type(v_parent) is not str or match_id(v_parent) is None else ids.setdefault(v_parent, v_parent)))
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_name(self, v_name)
            set_kind(self, v_kind)
            set_jurisdiction(self, v_jurisdiction)
            set_evidence(self, v_evidence)
            set_aliases(self, v_aliases)
            set_parent(self, v_parent)
            set_notes(self, v_notes)
            return self
        return build
    return bind


def _platform() -> Binder:
    cls = Platform
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_evidence = rules['evidence'].of
    bare_owner = fields['owner'].default
    bare_home_country = fields['home_country'].default
    bare_aliases = fields['aliases'].default
    bare_notes = fields['notes'].default
    members_kind = members(rules['kind'])
    default_owner = data_default(fields['owner'])
    default_home_country = data_default(fields['home_country'])
    default_aliases = data_default(fields['aliases'])
    default_notes = data_default(fields['notes'])
    set_id = setter(cls, 'id')
    set_name = setter(cls, 'name')
    set_kind = setter(cls, 'kind')
    set_evidence = setter(cls, 'evidence')
    set_owner = setter(cls, 'owner')
    set_home_country = setter(cls, 'home_country')
    set_aliases = setter(cls, 'aliases')
    set_notes = setter(cls, 'notes')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_evidence = builder.built[class_evidence]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 4:
                v_id = data['id']
                v_name = data['name']
                v_kind = data['kind']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                if type(v_name) is not str or not v_name or v_name.isspace() or not (v_name.isascii() or unicode(v_name)):
                    raise Refused
                v_kind = members_kind[v_kind]
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_name(self, v_name)
                set_kind(self, v_kind)
                set_evidence(self, v_evidence)
                set_owner(self, bare_owner)
                set_home_country(self, bare_home_country)
                set_aliases(self, bare_aliases)
                set_notes(self, bare_notes)
                return self
            if len(data) != 4 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_name = data['name']
            v_kind = data['kind']
            v_evidence = data['evidence']
            v_owner = data.get('owner', default_owner)
            v_home_country = data.get('home_country', default_home_country)
            v_aliases = data.get('aliases', default_aliases)
            v_notes = data.get('notes', default_notes)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            if type(v_name) is not str or not v_name or v_name.isspace() or not (v_name.isascii() or unicode(v_name)):
                raise Refused
            v_kind = members_kind[v_kind]
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if v_owner is not None:
                if type(v_owner) is not str or not v_owner or v_owner.isspace() or not (v_owner.isascii() or unicode(v_owner)):
                    raise Refused
            if v_home_country is not None:
                v_home_country = codes[v_home_country]
            if type(v_aliases) is not list and type(v_aliases) is not tuple:
                raise Refused
            for item in v_aliases:
                if type(item) is not str or not item or item.isspace() or not (item.isascii() or unicode(item)):
                    raise Refused
            v_aliases = tuple(v_aliases)
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_name(self, v_name)
            set_kind(self, v_kind)
            set_evidence(self, v_evidence)
            set_owner(self, v_owner)
            set_home_country(self, v_home_country)
            set_aliases(self, v_aliases)
            set_notes(self, v_notes)
            return self
        return build
    return bind


def _measure() -> Binder:
    cls = Measure
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_evidence = rules['evidence'].of
    class_effective = rules['effective'].of
    class_ended = rules['ended'].of
    bare_scope = fields['scope'].default
    bare_effective = fields['effective'].default
    bare_ended = fields['ended'].default
    bare_confidence = fields['confidence'].default
    bare_confidence_reason = fields['confidence_reason'].default
    bare_group = fields['group'].default
    default_scope = data_default(fields['scope'])
    default_effective = data_default(fields['effective'])
    default_ended = data_default(fields['ended'])
    default_confidence = data_default(fields['confidence'])
    default_confidence_reason = data_default(fields['confidence_reason'])
    default_group = data_default(fields['group'])
    members_scope = members(rules['scope'])
    members_confidence = members(rules['confidence'])
    match_group = matcher(rules['group'])
    relation_0 = relations[0].test
    set_dimension = setter(cls, 'dimension')
    set_level = setter(cls, 'level')
    set_reason = setter(cls, 'reason')
    set_evidence = setter(cls, 'evidence')
    set_scope = setter(cls, 'scope')
    set_effective = setter(cls, 'effective')
    set_ended = setter(cls, 'ended')
    set_confidence = setter(cls, 'confidence')
    set_confidence_reason = setter(cls, 'confidence_reason')
    set_group = setter(cls, 'group')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_evidence = builder.built[class_evidence]
        build_effective = builder.built[class_effective]
        build_ended = builder.built[class_ended]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 4:
                v_dimension = data['dimension']
                v_level = data['level']
                v_reason = data['reason']
                v_evidence = data['evidence']
                v_dimension = (strings.get(v_dimension) or (refuse() if type(v_dimension) is not str or not (v_dimension.isascii() or unicode(v_dimension)) else strings.setdefault(v_dimension, v_dimension)))
                if type(v_level) is not int or v_level < 0:
                    raise Refused
                v_reason = (texts.get(v_reason) or (refuse() if type(v_reason) is not str or not v_reason or v_reason.isspace() or not (v_reason.isascii() or unicode(v_reason)) else texts.setdefault(v_reason, v_reason)))
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_dimension(self, v_dimension)
                set_level(self, v_level)
                set_reason(self, v_reason)
                set_evidence(self, v_evidence)
                set_scope(self, bare_scope)
                set_effective(self, bare_effective)
                set_ended(self, bare_ended)
                set_confidence(self, bare_confidence)
                set_confidence_reason(self, bare_confidence_reason)
                set_group(self, bare_group)
                return self
            if len(data) != 4 and not data.keys() <= KEYS:
                raise Refused
            v_dimension = data['dimension']
            v_level = data['level']
            v_reason = data['reason']
            v_evidence = data['evidence']
            v_scope = data.get('scope', default_scope)
            v_effective = data.get('effective', default_effective)
            v_ended = data.get('ended', default_ended)
            v_confidence = data.get('confidence', default_confidence)
            v_confidence_reason = data.get('confidence_reason', default_confidence_reason)
            v_group = data.get('group', default_group)
            v_dimension = (strings.get(v_dimension) or (refuse() if type(v_dimension) is not str or not (v_dimension.isascii() or unicode(v_dimension)) else strings.setdefault(v_dimension, v_dimension)))
            if type(v_level) is not int or v_level < 0:
                raise Refused
            v_reason = (texts.get(v_reason) or (refuse() if type(v_reason) is not str or not v_reason or v_reason.isspace() or not (v_reason.isascii() or unicode(v_reason)) else texts.setdefault(v_reason, v_reason)))
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            v_scope = members_scope[v_scope]
            if v_effective is not None:
                v_effective = build_effective(v_effective)
            if v_ended is not None:
                v_ended = build_ended(v_ended)
            v_confidence = members_confidence[v_confidence]
            if v_confidence_reason is not None:
                if type(v_confidence_reason) is not str or not v_confidence_reason or v_confidence_reason.isspace() or not (v_confidence_reason.isascii() or unicode(v_confidence_reason)):
                    raise Refused
            if v_group is not None:
                if type(v_group) is not str or match_group(v_group) is None or not (v_group.isascii() or unicode(v_group)):
                    raise Refused
            if relation_0(v_confidence, v_confidence_reason) is not None:
                raise Refused
            self = new(cls)
            set_dimension(self, v_dimension)
            set_level(self, v_level)
            set_reason(self, v_reason)
            set_evidence(self, v_evidence)
            set_scope(self, v_scope)
            set_effective(self, v_effective)
            set_ended(self, v_ended)
            set_confidence(self, v_confidence)
            set_confidence_reason(self, v_confidence_reason)
            set_group(self, v_group)
            return self
        return build
    return bind


def _policy() -> Binder:
    cls = Policy
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_measures = rules['measures'].of
    class_evidence = rules['evidence'].of
    class_announced = rules['announced'].of
    class_effective = rules['effective'].of
    class_ended = rules['ended'].of
    bare_issuers = fields['issuers'].default
    bare_enforcers = fields['enforcers'].default
    bare_platforms = fields['platforms'].default
    bare_targets = fields['targets'].default
    bare_announced = fields['announced'].default
    bare_effective = fields['effective'].default
    bare_ended = fields['ended'].default
    bare_summary = fields['summary'].default
    bare_notes = fields['notes'].default
    members_kind = members(rules['kind'])
    members_status = members(rules['status'])
    default_issuers = data_default(fields['issuers'])
    default_enforcers = data_default(fields['enforcers'])
    default_platforms = data_default(fields['platforms'])
    default_targets = data_default(fields['targets'])
    default_announced = data_default(fields['announced'])
    default_effective = data_default(fields['effective'])
    default_ended = data_default(fields['ended'])
    default_summary = data_default(fields['summary'])
    default_notes = data_default(fields['notes'])
    set_id = setter(cls, 'id')
    set_title = setter(cls, 'title')
    set_jurisdiction = setter(cls, 'jurisdiction')
    set_kind = setter(cls, 'kind')
    set_status = setter(cls, 'status')
    set_measures = setter(cls, 'measures')
    set_evidence = setter(cls, 'evidence')
    set_issuers = setter(cls, 'issuers')
    set_enforcers = setter(cls, 'enforcers')
    set_platforms = setter(cls, 'platforms')
    set_targets = setter(cls, 'targets')
    set_announced = setter(cls, 'announced')
    set_effective = setter(cls, 'effective')
    set_ended = setter(cls, 'ended')
    set_summary = setter(cls, 'summary')
    set_notes = setter(cls, 'notes')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_measures = builder.built[class_measures]
        build_evidence = builder.built[class_evidence]
        build_announced = builder.built[class_announced]
        build_effective = builder.built[class_effective]
        build_ended = builder.built[class_ended]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 7:
                v_id = data['id']
                v_title = data['title']
                v_jurisdiction = data['jurisdiction']
                v_kind = data['kind']
                v_status = data['status']
                v_measures = data['measures']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                if type(v_title) is not str or not v_title or v_title.isspace() or not (v_title.isascii() or unicode(v_title)):
                    raise Refused
                v_jurisdiction = codes[v_jurisdiction]
                v_kind = members_kind[v_kind]
                v_status = members_status[v_status]
                if type(v_measures) is not list and type(v_measures) is not tuple:
                    raise Refused
                if len(v_measures) == 1:
                    v_measures = (build_measures(v_measures[0]),)
                else:
                    v_measures = tuple([build_measures(item) for item in v_measures])
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_title(self, v_title)
                set_jurisdiction(self, v_jurisdiction)
                set_kind(self, v_kind)
                set_status(self, v_status)
                set_measures(self, v_measures)
                set_evidence(self, v_evidence)
                set_issuers(self, bare_issuers)
                set_enforcers(self, bare_enforcers)
                set_platforms(self, bare_platforms)
                set_targets(self, bare_targets)
                set_announced(self, bare_announced)
                set_effective(self, bare_effective)
                set_ended(self, bare_ended)
                set_summary(self, bare_summary)
                set_notes(self, bare_notes)
                return self
            if len(data) != 7 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_title = data['title']
            v_jurisdiction = data['jurisdiction']
            v_kind = data['kind']
            v_status = data['status']
            v_measures = data['measures']
            v_evidence = data['evidence']
            v_issuers = data.get('issuers', default_issuers)
            v_enforcers = data.get('enforcers', default_enforcers)
            v_platforms = data.get('platforms', default_platforms)
            v_targets = data.get('targets', default_targets)
            v_announced = data.get('announced', default_announced)
            v_effective = data.get('effective', default_effective)
            v_ended = data.get('ended', default_ended)
            v_summary = data.get('summary', default_summary)
            v_notes = data.get('notes', default_notes)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            if type(v_title) is not str or not v_title or v_title.isspace() or not (v_title.isascii() or unicode(v_title)):
                raise Refused
            v_jurisdiction = codes[v_jurisdiction]
            v_kind = members_kind[v_kind]
            v_status = members_status[v_status]
            if type(v_measures) is not list and type(v_measures) is not tuple:
                raise Refused
            if len(v_measures) == 1:
                v_measures = (build_measures(v_measures[0]),)
            else:
                v_measures = tuple([build_measures(item) for item in v_measures])
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if type(v_issuers) is not list and type(v_issuers) is not tuple:
                raise Refused
            if len(v_issuers) == 1:
                v_issuers = ((ids.get(v_issuers[0]) or (refuse() if type(v_issuers[0]) is not str or match_id(v_issuers[0]) is None else ids.setdefault(v_issuers[0], v_issuers[0]))),)
            else:
                v_issuers = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_issuers])
            if type(v_enforcers) is not list and type(v_enforcers) is not tuple:
                raise Refused
            if len(v_enforcers) == 1:
                v_enforcers = ((ids.get(v_enforcers[0]) or (refuse() if type(v_enforcers[0]) is not str or match_id(v_enforcers[0]) is None else ids.setdefault(v_enforcers[0], v_enforcers[0]))),)
            else:
                v_enforcers = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_enforcers])
            if type(v_platforms) is not list and type(v_platforms) is not tuple:
                raise Refused
            if len(v_platforms) == 1:
                v_platforms = ((ids.get(v_platforms[0]) or (refuse() if type(v_platforms[0]) is not str or match_id(v_platforms[0]) is None else ids.setdefault(v_platforms[0], v_platforms[0]))),)
            else:
                v_platforms = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_platforms])
            if type(v_targets) is not list and type(v_targets) is not tuple:
                raise Refused
            for item in v_targets:
                if type(item) is not str or not item or item.isspace() or not (item.isascii() or unicode(item)):
                    raise Refused
            v_targets = tuple(v_targets)
            if v_announced is not None:
                v_announced = build_announced(v_announced)
            if v_effective is not None:
                v_effective = build_effective(v_effective)
            if v_ended is not None:
                v_ended = build_ended(v_ended)
            if v_summary is not None:
                if type(v_summary) is not str or not v_summary or v_summary.isspace() or not (v_summary.isascii() or unicode(v_summary)):
                    raise Refused
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_title(self, v_title)
            set_jurisdiction(self, v_jurisdiction)
            set_kind(self, v_kind)
            set_status(self, v_status)
            set_measures(self, v_measures)
            set_evidence(self, v_evidence)
            set_issuers(self, v_issuers)
            set_enforcers(self, v_enforcers)
            set_platforms(self, v_platforms)
            set_targets(self, v_targets)
            set_announced(self, v_announced)
            set_effective(self, v_effective)
            set_ended(self, v_ended)
            set_summary(self, v_summary)
            set_notes(self, v_notes)
            return self
        return build
    return bind


def _link() -> Binder:
    cls = Link
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_evidence = rules['evidence'].of
    bare_notes = fields['notes'].default
    bare_confidence = fields['confidence'].default
    bare_confidence_reason = fields['confidence_reason'].default
    members_kind = members(rules['kind'])
    default_notes = data_default(fields['notes'])
    default_confidence = data_default(fields['confidence'])
    default_confidence_reason = data_default(fields['confidence_reason'])
    members_confidence = members(rules['confidence'])
    relation_0 = relations[0].test
    set_id = setter(cls, 'id')
    set_kind = setter(cls, 'kind')
    set_from_policy = setter(cls, 'from_policy')
    set_to_policy = setter(cls, 'to_policy')
    set_evidence = setter(cls, 'evidence')
    set_notes = setter(cls, 'notes')
    set_confidence = setter(cls, 'confidence')
    set_confidence_reason = setter(cls, 'confidence_reason')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_evidence = builder.built[class_evidence]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 5:
                v_id = data['id']
                v_kind = data['kind']
                v_from_policy = data['from_policy']
                v_to_policy = data['to_policy']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                v_kind = members_kind[v_kind]
                v_from_policy = (ids.get(v_from_policy) or (refuse() if type(v_from_policy) is not str or match_id(v_from_policy) is None else ids.setdefault(v_from_policy, v_from_policy)))
                v_to_policy = (ids.get(v_to_policy) or (refuse() if type(v_to_policy) is not str or match_id(v_to_policy) is None else ids.setdefault(v_to_policy, v_to_policy)))
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_kind(self, v_kind)
                set_from_policy(self, v_from_policy)
                set_to_policy(self, v_to_policy)
                set_evidence(self, v_evidence)
                set_notes(self, bare_notes)
                set_confidence(self, bare_confidence)
                set_confidence_reason(self, bare_confidence_reason)
                return self
            if len(data) != 5 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_kind = data['kind']
            v_from_policy = data['from_policy']
            v_to_policy = data['to_policy']
            v_evidence = data['evidence']
            v_notes = data.get('notes', default_notes)
            v_confidence = data.get('confidence', default_confidence)
            v_confidence_reason = data.get('confidence_reason', default_confidence_reason)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            v_kind = members_kind[v_kind]
            v_from_policy = (ids.get(v_from_policy) or (refuse() if type(v_from_policy) is not str or match_id(v_from_policy) is None else ids.setdefault(v_from_policy, v_from_policy)))
            v_to_policy = (ids.get(v_to_policy) or (refuse() if type(v_to_policy) is not str or match_id(v_to_policy) is None else ids.setdefault(v_to_policy, v_to_policy)))
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            v_confidence = members_confidence[v_confidence]
            if v_confidence_reason is not None:
                if type(v_confidence_reason) is not str or not v_confidence_reason or v_confidence_reason.isspace() or not (v_confidence_reason.isascii() or unicode(v_confidence_reason)):
                    raise Refused
            if relation_0(v_confidence, v_confidence_reason) is not None:
                raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_kind(self, v_kind)
            set_from_policy(self, v_from_policy)
            set_to_policy(self, v_to_policy)
            set_evidence(self, v_evidence)
            set_notes(self, v_notes)
            set_confidence(self, v_confidence)
            set_confidence_reason(self, v_confidence_reason)
            return self
        return build
    return bind


def _quantity() -> Binder:
    cls = Quantity
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    bare_low = fields['low'].default
    bare_high = fields['high'].default
    bare_text = fields['text'].default
    members_kind = members(rules['kind'])
    default_low = data_default(fields['low'])
    default_high = data_default(fields['high'])
    default_text = data_default(fields['text'])
    relation_0 = relations[0].test
    set_kind = setter(cls, 'kind')
    set_low = setter(cls, 'low')
    set_high = setter(cls, 'high')
    set_text = setter(cls, 'text')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 1:
                v_kind = data['kind']
                v_kind = members_kind[v_kind]
                if relation_0(v_kind, bare_low, bare_high) is not None:
                    raise Refused
                self = new(cls)
                set_kind(self, v_kind)
                set_low(self, bare_low)
                set_high(self, bare_high)
                set_text(self, bare_text)
                return self
            if len(data) != 1 and not data.keys() <= KEYS:
                raise Refused
            v_kind = data['kind']
            v_low = data.get('low', default_low)
            v_high = data.get('high', default_high)
            v_text = data.get('text', default_text)
            v_kind = members_kind[v_kind]
            if v_low is not None:
                if type(v_low) is not int:
                    raise Refused
            if v_high is not None:
                if type(v_high) is not int:
                    raise Refused
            if v_text is not None:
                if type(v_text) is not str or not v_text or v_text.isspace() or not (v_text.isascii() or unicode(v_text)):
                    raise Refused
            if relation_0(v_kind, v_low, v_high) is not None:
                raise Refused
            self = new(cls)
            set_kind(self, v_kind)
            set_low(self, v_low)
            set_high(self, v_high)
            set_text(self, v_text)
            return self
        return build
    return bind


def _outcome() -> Binder:
    cls = Outcome
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_quantity = rules['quantity'].of
    class_evidence = rules['evidence'].of
    class_period = rules['period'].of
    bare_period = fields['period'].default
    bare_place = fields['place'].default
    bare_agencies = fields['agencies'].default
    bare_platforms = fields['platforms'].default
    bare_policies = fields['policies'].default
    bare_reporter = fields['reporter'].default
    bare_via = fields['via'].default
    bare_same_as = fields['same_as'].default
    bare_notes = fields['notes'].default
    bare_role = fields['role'].default
    bare_includes = fields['includes'].default
    bare_unit_qualifier = fields['unit_qualifier'].default
    members_metric = members(rules['metric'])
    members_unit = members(rules['unit'])
    default_period = data_default(fields['period'])
    default_place = data_default(fields['place'])
    default_agencies = data_default(fields['agencies'])
    default_platforms = data_default(fields['platforms'])
    default_policies = data_default(fields['policies'])
    default_reporter = data_default(fields['reporter'])
    default_via = data_default(fields['via'])
    default_same_as = data_default(fields['same_as'])
    default_notes = data_default(fields['notes'])
    default_role = data_default(fields['role'])
    default_includes = data_default(fields['includes'])
    default_unit_qualifier = data_default(fields['unit_qualifier'])
    members_role = members(rules['role'])
    set_id = setter(cls, 'id')
    set_metric = setter(cls, 'metric')
    set_quantity = setter(cls, 'quantity')
    set_unit = setter(cls, 'unit')
    set_description = setter(cls, 'description')
    set_reported_by = setter(cls, 'reported_by')
    set_evidence = setter(cls, 'evidence')
    set_period = setter(cls, 'period')
    set_place = setter(cls, 'place')
    set_agencies = setter(cls, 'agencies')
    set_platforms = setter(cls, 'platforms')
    set_policies = setter(cls, 'policies')
    set_reporter = setter(cls, 'reporter')
    set_via = setter(cls, 'via')
    set_same_as = setter(cls, 'same_as')
    set_notes = setter(cls, 'notes')
    set_role = setter(cls, 'role')
    set_includes = setter(cls, 'includes')
    set_unit_qualifier = setter(cls, 'unit_qualifier')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_quantity = builder.built[class_quantity]
        build_evidence = builder.built[class_evidence]
        build_period = builder.built[class_period]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 7:
                v_id = data['id']
                v_metric = data['metric']
                v_quantity = data['quantity']
                v_unit = data['unit']
                v_description = data['description']
                v_reported_by = data['reported_by']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                v_metric = members_metric[v_metric]
                v_quantity = build_quantity(v_quantity)
                v_unit = members_unit[v_unit]
                if type(v_description) is not str or not v_description or v_description.isspace() or not (v_description.isascii() or unicode(v_description)):
                    raise Refused
                v_reported_by = (texts.get(v_reported_by) or (refuse() if type(v_reported_by) is not str or not v_reported_by or v_reported_by.isspace() or not (v_reported_by.isascii() or unicode(v_reported_by)) else texts.setdefault(v_reported_by, v_reported_by)))
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_metric(self, v_metric)
                set_quantity(self, v_quantity)
                set_unit(self, v_unit)
                set_description(self, v_description)
                set_reported_by(self, v_reported_by)
                set_evidence(self, v_evidence)
                set_period(self, bare_period)
                set_place(self, bare_place)
                set_agencies(self, bare_agencies)
                set_platforms(self, bare_platforms)
                set_policies(self, bare_policies)
                set_reporter(self, bare_reporter)
                set_via(self, bare_via)
                set_same_as(self, bare_same_as)
                set_notes(self, bare_notes)
                set_role(self, bare_role)
                set_includes(self, bare_includes)
                set_unit_qualifier(self, bare_unit_qualifier)
                return self
            if len(data) != 7 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_metric = data['metric']
            v_quantity = data['quantity']
            v_unit = data['unit']
            v_description = data['description']
            v_reported_by = data['reported_by']
            v_evidence = data['evidence']
            v_period = data.get('period', default_period)
            v_place = data.get('place', default_place)
            v_agencies = data.get('agencies', default_agencies)
            v_platforms = data.get('platforms', default_platforms)
            v_policies = data.get('policies', default_policies)
            v_reporter = data.get('reporter', default_reporter)
            v_via = data.get('via', default_via)
            v_same_as = data.get('same_as', default_same_as)
            v_notes = data.get('notes', default_notes)
            v_role = data.get('role', default_role)
            v_includes = data.get('includes', default_includes)
            v_unit_qualifier = data.get('unit_qualifier', default_unit_qualifier)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            v_metric = members_metric[v_metric]
            v_quantity = build_quantity(v_quantity)
            v_unit = members_unit[v_unit]
            if type(v_description) is not str or not v_description or v_description.isspace() or not (v_description.isascii() or unicode(v_description)):
                raise Refused
            v_reported_by = (texts.get(v_reported_by) or (refuse() if type(v_reported_by) is not str or not v_reported_by or v_reported_by.isspace() or not (v_reported_by.isascii() or unicode(v_reported_by)) else texts.setdefault(v_reported_by, v_reported_by)))
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if v_period is not None:
                v_period = build_period(v_period)
            if v_place is not None:
                v_place = codes[v_place]
            if type(v_agencies) is not list and type(v_agencies) is not tuple:
                raise Refused
            if len(v_agencies) == 1:
                v_agencies = ((ids.get(v_agencies[0]) or (refuse() if type(v_agencies[0]) is not str or match_id(v_agencies[0]) is None else ids.setdefault(v_agencies[0], v_agencies[0]))),)
            else:
                v_agencies = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_agencies])
            if type(v_platforms) is not list and type(v_platforms) is not tuple:
                raise Refused
            if len(v_platforms) == 1:
                v_platforms = ((ids.get(v_platforms[0]) or (refuse() if type(v_platforms[0]) is not str or match_id(v_platforms[0]) is None else ids.setdefault(v_platforms[0], v_platforms[0]))),)
            else:
                v_platforms = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_platforms])
            if type(v_policies) is not list and type(v_policies) is not tuple:
                raise Refused
            if len(v_policies) == 1:
                v_policies = ((ids.get(v_policies[0]) or (refuse() if type(v_policies[0]) is not str or match_id(v_policies[0]) is None else ids.setdefault(v_policies[0], v_policies[0]))),)
            else:
                v_policies = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_policies])
            if v_reporter is not None:
                v_reporter = (ids.get(v_reporter) or (refuse() if type(v_reporter) is not str or match_id(v_reporter) is None else ids.setdefault(v_reporter, v_reporter)))
            if type(v_via) is not list and type(v_via) is not tuple:
                raise Refused
            for item in v_via:
                if type(item) is not str or not item or item.isspace() or not (item.isascii() or unicode(item)):
                    raise Refused
            v_via = tuple(v_via)
            if v_same_as is not None:
                v_same_as = (ids.get(v_same_as) or (refuse() if type(v_same_as) is not str or match_id(v_same_as) is None else ids.setdefault(v_same_as, v_same_as)))
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            v_role = members_role[v_role]
            if type(v_includes) is not list and type(v_includes) is not tuple:
                raise Refused
            if len(v_includes) == 1:
                v_includes = ((ids.get(v_includes[0]) or (refuse() if type(v_includes[0]) is not str or match_id(v_includes[0]) is None else ids.setdefault(v_includes[0], v_includes[0]))),)
            else:
                v_includes = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_includes])
            if v_unit_qualifier is not None:
                if type(v_unit_qualifier) is not str or not v_unit_qualifier or v_unit_qualifier.isspace() or not (v_unit_qualifier.isascii() or unicode(v_unit_qualifier)):
                    raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_metric(self, v_metric)
            set_quantity(self, v_quantity)
            set_unit(self, v_unit)
            set_description(self, v_description)
            set_reported_by(self, v_reported_by)
            set_evidence(self, v_evidence)
            set_period(self, v_period)
            set_place(self, v_place)
            set_agencies(self, v_agencies)
            set_platforms(self, v_platforms)
            set_policies(self, v_policies)
            set_reporter(self, v_reporter)
            set_via(self, v_via)
            set_same_as(self, v_same_as)
            set_notes(self, v_notes)
            set_role(self, v_role)
            set_includes(self, v_includes)
            set_unit_qualifier(self, v_unit_qualifier)
            return self
        return build
    return bind


def _claim() -> Binder:
    cls = Claim
    rules = rules_of(cls)
    relations = relations_of(cls)
    fields = attrs.fields_dict(cls)
    KEYS = frozenset(rules)
    class_evidence = rules['evidence'].of
    class_date = rules['date'].of
    bare_speaker_agency = fields['speaker_agency'].default
    bare_date = fields['date'].default
    bare_policies = fields['policies'].default
    bare_agencies = fields['agencies'].default
    bare_platforms = fields['platforms'].default
    bare_notes = fields['notes'].default
    members_kind = members(rules['kind'])
    default_speaker_agency = data_default(fields['speaker_agency'])
    default_date = data_default(fields['date'])
    default_policies = data_default(fields['policies'])
    default_agencies = data_default(fields['agencies'])
    default_platforms = data_default(fields['platforms'])
    default_notes = data_default(fields['notes'])
    set_id = setter(cls, 'id')
    set_kind = setter(cls, 'kind')
    set_speaker = setter(cls, 'speaker')
    set_text = setter(cls, 'text')
    set_evidence = setter(cls, 'evidence')
    set_speaker_agency = setter(cls, 'speaker_agency')
    set_date = setter(cls, 'date')
    set_policies = setter(cls, 'policies')
    set_agencies = setter(cls, 'agencies')
    set_platforms = setter(cls, 'platforms')
    set_notes = setter(cls, 'notes')

    def bind(builder: Any) -> Callable[[Any], Any]:
        ids, texts, strings = builder.ids, builder.texts, builder.strings
        codes = builder.codes
        build_evidence = builder.built[class_evidence]
        build_date = builder.built[class_date]

        def build(data: Any) -> Any:
            if type(data) is not dict:
                raise Refused
            if len(data) == 5:
                v_id = data['id']
                v_kind = data['kind']
                v_speaker = data['speaker']
                v_text = data['text']
                v_evidence = data['evidence']
                v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
                v_kind = members_kind[v_kind]
                v_speaker = (texts.get(v_speaker) or (refuse() if type(v_speaker) is not str or not v_speaker or v_speaker.isspace() or not (v_speaker.isascii() or unicode(v_speaker)) else texts.setdefault(v_speaker, v_speaker)))
                if type(v_text) is not str or not v_text or v_text.isspace() or not (v_text.isascii() or unicode(v_text)):
                    raise Refused
                if type(v_evidence) is not list and type(v_evidence) is not tuple:
                    raise Refused
                if not v_evidence:
                    raise Refused
                if len(v_evidence) == 1:
                    v_evidence = (build_evidence(v_evidence[0]),)
                else:
                    v_evidence = tuple([build_evidence(item) for item in v_evidence])
                self = new(cls)
                set_id(self, v_id)
                set_kind(self, v_kind)
                set_speaker(self, v_speaker)
                set_text(self, v_text)
                set_evidence(self, v_evidence)
                set_speaker_agency(self, bare_speaker_agency)
                set_date(self, bare_date)
                set_policies(self, bare_policies)
                set_agencies(self, bare_agencies)
                set_platforms(self, bare_platforms)
                set_notes(self, bare_notes)
                return self
            if len(data) != 5 and not data.keys() <= KEYS:
                raise Refused
            v_id = data['id']
            v_kind = data['kind']
            v_speaker = data['speaker']
            v_text = data['text']
            v_evidence = data['evidence']
            v_speaker_agency = data.get('speaker_agency', default_speaker_agency)
            v_date = data.get('date', default_date)
            v_policies = data.get('policies', default_policies)
            v_agencies = data.get('agencies', default_agencies)
            v_platforms = data.get('platforms', default_platforms)
            v_notes = data.get('notes', default_notes)
            v_id = (ids.get(v_id) or (refuse() if type(v_id) is not str or match_id(v_id) is None else ids.setdefault(v_id, v_id)))
            v_kind = members_kind[v_kind]
            v_speaker = (texts.get(v_speaker) or (refuse() if type(v_speaker) is not str or not v_speaker or v_speaker.isspace() or not (v_speaker.isascii() or unicode(v_speaker)) else texts.setdefault(v_speaker, v_speaker)))
            if type(v_text) is not str or not v_text or v_text.isspace() or not (v_text.isascii() or unicode(v_text)):
                raise Refused
            if type(v_evidence) is not list and type(v_evidence) is not tuple:
                raise Refused
            if not v_evidence:
                raise Refused
            if len(v_evidence) == 1:
                v_evidence = (build_evidence(v_evidence[0]),)
            else:
                v_evidence = tuple([build_evidence(item) for item in v_evidence])
            if v_speaker_agency is not None:
                v_speaker_agency = (ids.get(v_speaker_agency) or (refuse() if type(v_speaker_agency) is not str or match_id(v_speaker_agency) is None else ids.setdefault(v_speaker_agency, v_speaker_agency)))
            if v_date is not None:
                v_date = build_date(v_date)
            if type(v_policies) is not list and type(v_policies) is not tuple:
                raise Refused
            if len(v_policies) == 1:
                v_policies = ((ids.get(v_policies[0]) or (refuse() if type(v_policies[0]) is not str or match_id(v_policies[0]) is None else ids.setdefault(v_policies[0], v_policies[0]))),)
            else:
                v_policies = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_policies])
            if type(v_agencies) is not list and type(v_agencies) is not tuple:
                raise Refused
            if len(v_agencies) == 1:
                v_agencies = ((ids.get(v_agencies[0]) or (refuse() if type(v_agencies[0]) is not str or match_id(v_agencies[0]) is None else ids.setdefault(v_agencies[0], v_agencies[0]))),)
            else:
                v_agencies = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_agencies])
            if type(v_platforms) is not list and type(v_platforms) is not tuple:
                raise Refused
            if len(v_platforms) == 1:
                v_platforms = ((ids.get(v_platforms[0]) or (refuse() if type(v_platforms[0]) is not str or match_id(v_platforms[0]) is None else ids.setdefault(v_platforms[0], v_platforms[0]))),)
            else:
                v_platforms = tuple([(ids.get(item) or (refuse() if type(item) is not str or match_id(item) is None else ids.setdefault(item, item))) for item in v_platforms])
            if v_notes is not None:
                if type(v_notes) is not str or not v_notes or v_notes.isspace() or not (v_notes.isascii() or unicode(v_notes)):
                    raise Refused
            self = new(cls)
            set_id(self, v_id)
            set_kind(self, v_kind)
            set_speaker(self, v_speaker)
            set_text(self, v_text)
            set_evidence(self, v_evidence)
            set_speaker_agency(self, v_speaker_agency)
            set_date(self, v_date)
            set_policies(self, v_policies)
            set_agencies(self, v_agencies)
            set_platforms(self, v_platforms)
            set_notes(self, v_notes)
            return self
        return build
    return bind


BINDERS: dict[type[Any], Binder] = {
    UncertainDate: _uncertain_date(),
    Source: _source(),
    Evidence: _evidence(),
    Agency: _agency(),
    Platform: _platform(),
    Measure: _measure(),
    Policy: _policy(),
    Link: _link(),
    Quantity: _quantity(),
    Outcome: _outcome(),
    Claim: _claim(),
}
