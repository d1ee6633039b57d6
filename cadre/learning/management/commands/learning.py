from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre learning KIND …'; 'cadre learning --help' lists the kinds."
    prefix = "learning"
