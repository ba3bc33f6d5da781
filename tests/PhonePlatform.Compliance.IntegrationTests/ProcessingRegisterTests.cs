using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PhonePlatform.Compliance.IntegrationTests;

public sealed class ProcessingRegisterTests
{
    [Fact]
    public void Current_FromConfiguration_ListsActivitiesAndSubprocessorsSorted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compliance:ProcessingRegister:ControllerName"] = "Example Telecom GmbH",
            ["Compliance:ProcessingRegister:Regions:0"] = "eu-central-1",
            ["Compliance:ProcessingRegister:Regions:1"] = "eu-central-1",
            ["Compliance:ProcessingRegister:Activities:0:Name"] = "Telephony",
            ["Compliance:ProcessingRegister:Activities:0:LegalBasis"] = "Art. 6(1)(b)",
            ["Compliance:ProcessingRegister:Activities:0:DataCategories:0"] = "call metadata",
            ["Compliance:ProcessingRegister:Subprocessors:0:Name"] = "Stripe",
            ["Compliance:ProcessingRegister:Subprocessors:0:Kind"] = "payment",
            ["Compliance:ProcessingRegister:Subprocessors:0:TransferSafeguard"] = "SCC 2021/914",
            ["Compliance:ProcessingRegister:Subprocessors:1:Name"] = "Carrier One",
            ["Compliance:ProcessingRegister:Subprocessors:1:Kind"] = "carrier",
            ["Compliance:ProcessingRegister:Subprocessors:1:Region"] = "eu-west-1",
            ["Compliance:ProcessingRegister:Subprocessors:2:Kind"] = "storage",
        }).Build();
        using var services = new ServiceCollection()
            .Configure<ProcessingRegisterOptions>(configuration.GetSection("Compliance:ProcessingRegister"))
            .AddSingleton<ProcessingRegister>()
            .BuildServiceProvider();

        var register = services.GetRequiredService<ProcessingRegister>().Current();

        Assert.Equal("Example Telecom GmbH", register.Controller.Name);
        Assert.Equal(["eu-central-1"], register.Regions);
        var activity = Assert.Single(register.Activities);
        Assert.Equal(["call metadata"], activity.DataCategories);
        Assert.Equal(["Carrier One", "Stripe"], register.Subprocessors.Select(s => s.Name));
        Assert.Null(register.Subprocessors[0].TransferSafeguard);
        Assert.Equal("SCC 2021/914", register.Subprocessors[1].TransferSafeguard);
    }
}
