from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre workforce ACTION …'; 'cadre workforce --help' lists the actions."
    prefix = "workforce"
