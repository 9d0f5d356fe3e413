"""Who may feature people: curators (and site admins, who are curators too)."""


def may_feature_people(user) -> bool:
    return user.is_authenticated and user.is_curator
