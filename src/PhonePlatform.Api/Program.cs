using PhonePlatform.Api.Hosting;

// Commands (migrate, create-owner) take their own arguments; the host takes the rest.
var command = HostCommands.IsCommand(args);
var hostArgs = PlatformRoles.ExtractRoleArguments(command ? [] : args, out var roles);
var builder = WebApplication.CreateBuilder(hostArgs);
if (roles is not null)
{
    builder.Configuration[PlatformRoles.ConfigurationKey] = roles;
}

builder.AddPhonePlatformApi();
var app = builder.Build();

if (command)
{
    return await HostCommands.RunAsync(app, args);
}

app.UsePhonePlatformApi();
await app.RunAsync();
return 0;

/// <summary>Entry point marker for <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
