namespace PhonePlatform.Api.UseCases.Contacts;

public static class ContactServices
{
    public static IServiceCollection AddContactUseCases(this IServiceCollection services)
    {
        services.AddScoped<SaveContact>();
        services.AddScoped<ImportContacts>();
        return services;
    }
}
