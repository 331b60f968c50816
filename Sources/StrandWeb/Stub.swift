import Vapor
import Plot
public enum WebStub {}
