"""Keep the index in step with the content, inside the transaction that changes it.

For each registered type: its own model (save, delete), the related models it watches
(a location added, an organisation renamed...) and its many-to-many fields (goals,
organisations). The index rows are written directly by the handler, so they commit or roll
back with the change itself. Bulk operations bypass signals: run `manage.py reindex` after.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from planet.search import indexing

PENDING = "_search_pending_keys"


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_object(instance)


def _deleted(sender, instance, **kwargs):
    indexing.remove_object(instance)


def _watched_saved(search_type, keys_of):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            indexing.index_keys(search_type, keys_of(instance))

    return handler


def _watched_pre_delete(search_type, keys_of):
    def handler(sender, instance, **kwargs):
        # Related rows may be gone by post_delete: remember what to refresh.
        pending = getattr(instance, PENDING, {})
        pending[search_type.name] = list(keys_of(instance))
        setattr(instance, PENDING, pending)

    return handler


def _watched_post_delete(search_type):
    def handler(sender, instance, **kwargs):
        keys = getattr(instance, PENDING, {}).get(search_type.name, [])
        indexing.index_keys(search_type, keys)

    return handler


def _m2m_changed(search_type):
    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                indexing.index_keys(search_type, [instance.pk])
            return
        # From the other side (goal.projects.add(...)): pk_set holds this type's keys.
        if action == "pre_clear":
            through = sender.objects.filter(**{_reverse_field(sender, instance): instance.pk})
            field = _forward_field(sender, search_type.model)
            setattr(instance, PENDING, list(through.values_list(field, flat=True)))
        elif action == "post_clear":
            indexing.index_keys(search_type, getattr(instance, PENDING, []))
        elif action in ("post_add", "post_remove"):
            indexing.index_keys(search_type, pk_set or [])

    return handler


def _forward_field(through, model) -> str:
    return next(f.attname for f in through._meta.fields if f.related_model is model)


def _reverse_field(through, instance) -> str:
    return next(
        f.attname
        for f in through._meta.fields
        if f.related_model is type(instance) and f.attname != "id"
    )


def connect_type(search_type) -> None:
    uid = f"search-{search_type.name}"
    post_save.connect(_saved, sender=search_type.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=search_type.model, dispatch_uid=uid)
    for model, keys_of in search_type.watch.items():
        uid = f"search-{search_type.name}-{model._meta.label}"
        post_save.connect(
            _watched_saved(search_type, keys_of), sender=model, weak=False, dispatch_uid=uid
        )
        pre_delete.connect(
            _watched_pre_delete(search_type, keys_of), sender=model, weak=False, dispatch_uid=uid
        )
        post_delete.connect(
            _watched_post_delete(search_type), sender=model, weak=False, dispatch_uid=uid
        )
    for through in search_type.m2m:
        uid = f"search-{search_type.name}-{through._meta.label}"
        m2m_changed.connect(_m2m_changed(search_type), sender=through, weak=False, dispatch_uid=uid)
