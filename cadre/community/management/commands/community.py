from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre community KIND …'; 'cadre community --help' lists the kinds."
    prefix = "community"
